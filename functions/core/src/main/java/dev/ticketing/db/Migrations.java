package dev.ticketing.db;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies the schema (classpath:db/migration). Functions never migrate on a cold start: the local
 * gateway, the operator command and the deploy-time migration function call this.
 */
public final class Migrations {
  private Migrations() {}

  /** How many migrations a run applied and the schema version it left. */
  public record Result(int applied, String schemaVersion) {}

  public static Result apply(String jdbcUrl, String user, String password) {
    return migrate(Flyway.configure().dataSource(jdbcUrl, user, password));
  }

  /** Migrates through a data source of a function's context (unwrapped from its proxy). */
  public static Result apply(DataSource dataSource) {
    return migrate(
        Flyway.configure().dataSource(DelegatingDataSource.unwrapDataSource(dataSource)));
  }

  private static Result migrate(FluentConfiguration config) {
    Flyway flyway = config.locations("classpath:db/migration").failOnMissingLocations(true).load();
    int applied = flyway.migrate().migrationsExecuted;
    MigrationInfo current = flyway.info().current();
    return new Result(applied, current == null ? "none" : current.getVersion().getVersion());
  }
}
