package dev.ticketing.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a migration did: how many migrations it applied, the schema version it left, and the
 * application user it made sure of (null when none is configured) with the tables and procedures it
 * may use.
 */
@Serdeable
public record MigrationReport(
    int migrationsExecuted,
    String schemaVersion,
    @Nullable String applicationUser,
    boolean applicationUserCreated,
    int tablesGranted,
    int proceduresGranted) {

  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("migrationsExecuted", migrationsExecuted);
    m.put("schemaVersion", schemaVersion);
    m.put("applicationUser", applicationUser);
    m.put("applicationUserCreated", applicationUserCreated);
    m.put("tablesGranted", tablesGranted);
    m.put("proceduresGranted", proceduresGranted);
    return m;
  }

  String text() {
    String line =
        "applied " + migrationsExecuted + " migration(s); schema version " + schemaVersion;
    if (applicationUser == null) {
      return line;
    }
    return line
        + "\napplication user "
        + applicationUser
        + (applicationUserCreated ? " created" : " exists")
        + "; SELECT, INSERT, UPDATE, DELETE on "
        + tablesGranted
        + " table(s), EXECUTE on "
        + proceduresGranted
        + " procedure(s)";
  }
}
