package dev.ticketing.db;

import dev.ticketing.settings.Settings;
import dev.ticketing.settings.StoreSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties Micronaut's data source reads, derived from {@link Settings} only. The password is
 * not among them: the pool gets it from the secrets holder ({@link DatabaseCredentials}).
 */
public final class DataSourceProperties {
  public static final String CONNECTION_INIT_SQL = "datasources.default.connection-init-sql";

  private DataSourceProperties() {}

  public static Map<String, Object> of(Settings settings) {
    StoreSettings stores = settings.stores();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "datasources.default.url",
        StoreSettings.jdbcUrlWithDefaults(stores.databaseUrl().orElse("")));
    props.put("datasources.default.username", stores.databaseUser());
    props.put("datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver");
    props.put("datasources.default.dialect", "MYSQL");
    props.put("datasources.default.maximum-pool-size", stores.databasePoolSize());
    props.put("datasources.default.minimum-idle", 1);
    props.put("datasources.default.connection-timeout", 5_000);
    props.put("datasources.default.allow-pool-suspension", true);
    settings.seats().connectionInitSql().ifPresent(sql -> props.put(CONNECTION_INIT_SQL, sql));
    return props;
  }
}
