package dev.ticketing.gateway;

import dev.ticketing.settings.EnvReader;
import java.util.Map;
import java.util.Optional;

/**
 * The local gateway's own variables, which no deployed function reads: its port, where embedded
 * data survives restarts, and the built SPA it serves.
 */
record GatewaySettings(int port, Optional<String> dataDir, Optional<String> frontendDir) {

  static GatewaySettings from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new GatewaySettings(
        r.integer("PORT", 8080, 0, 65_535), r.optional("DATA_DIR"), r.optional("FRONTEND_DIR"));
  }
}
