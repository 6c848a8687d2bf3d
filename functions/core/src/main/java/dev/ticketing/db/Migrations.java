package dev.ticketing.db;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema (classpath:db/migration). Functions never migrate on a cold start: the local
 * gateway, the operator command and the deploy-time migration function call this.
 */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult apply(String jdbcUrl, String user, String password) {
    return flyway(Flyway.configure().dataSource(jdbcUrl, user, password)).migrate();
  }

  /** Migrates through a data source of a function's context (unwrapped from its proxy). */
  public static MigrateResult apply(DataSource dataSource) {
    DataSource target = DelegatingDataSource.unwrapDataSource(dataSource);
    return flyway(Flyway.configure().dataSource(target)).migrate();
  }

  private static Flyway flyway(org.flywaydb.core.api.configuration.FluentConfiguration config) {
    return config.locations("classpath:db/migration").failOnMissingLocations(true).load();
  }
}
