package dev.ticketing.gateway;

import dev.ticketing.settings.EnvReader;
import java.util.Map;
import java.util.Optional;

/**
 * The local gateway's own variables, which no deployed function reads: its port, where embedded
 * data survives restarts, the built SPA it serves, and how many connections one client address may
 * hold, and the password of the operator console's local operator ({@code OPERATOR_PASSWORD}).
 */
record GatewaySettings(
    int port,
    Optional<String> dataDir,
    Optional<String> frontendDir,
    int maxConnectionsPerClient,
    Optional<String> operatorPassword) {

  /** A browser holds ~6 connections; a load test from one machine sets far more (loadtest/). */
  static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 256;

  static GatewaySettings from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new GatewaySettings(
        r.integer("PORT", 8080, 0, 65_535),
        r.optional("DATA_DIR"),
        r.optional("FRONTEND_DIR"),
        r.integer("MAX_CONNECTIONS_PER_CLIENT", DEFAULT_MAX_CONNECTIONS_PER_CLIENT, 1, 1_000_000),
        r.optional("OPERATOR_PASSWORD"));
  }
}
