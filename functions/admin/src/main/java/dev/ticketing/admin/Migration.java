package dev.ticketing.admin;

import dev.ticketing.db.ApplicationUser;
import dev.ticketing.db.Migrations;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Applies pending migrations as the master user, then makes sure the application user exists with
 * grants on every table and procedure there now ({@link ApplicationUser}), when the settings name
 * one ({@code APP_DATABASE_USER} / {@code APP_DATABASE_SECRET_ARN}). Run on every deploy by {@link
 * MigrateDatabaseFunction} and by {@code admin migrate}.
 */
final class Migration {
  private Migration() {}

  /**
   * @param settings the settings with their secrets (the context holds them without)
   */
  static MigrationReport run(ApplicationContext ctx, Settings settings) {
    DataSource master = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
    Migrations.Result result = Migrations.apply(master);
    var stores = settings.stores();
    if (stores.appDatabaseUser().isEmpty()) {
      return new MigrationReport(result.applied(), result.schemaVersion(), null, false, 0, 0);
    }
    String user = stores.appDatabaseUser().get();
    if (stores.appDatabasePassword().isEmpty()) {
      throw new AdminException("APP_DATABASE_PASSWORD (or APP_DATABASE_SECRET_ARN) is required");
    }
    try {
      ApplicationUser.Result granted =
          ApplicationUser.ensure(master, user, stores.appDatabasePassword());
      return new MigrationReport(
          result.applied(),
          result.schemaVersion(),
          user,
          granted.created(),
          granted.tables().size(),
          granted.procedures().size());
    } catch (SQLException e) {
      throw new AdminException(
          "could not set up the application user " + user + ": " + e.getMessage());
    }
  }
}
