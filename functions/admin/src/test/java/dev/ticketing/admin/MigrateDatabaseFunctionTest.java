package dev.ticketing.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.db.DatabaseCredentials;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.local.EmbeddedMariaDb;
import dev.ticketing.settings.Settings;
import dev.ticketing.settings.StoreSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deploy-time migration as the master user, and the application user it sets up: the functions'
 * least privilege, on a real MariaDB of its own that checks privileges (these tests create users).
 */
class MigrateDatabaseFunctionTest {
  private static final String MASTER_PASSWORD = UUID.randomUUID().toString();
  private static EmbeddedMariaDb db;
  private static Map<String, String> master;

  @BeforeAll
  static void stores() throws Exception {
    db = EmbeddedMariaDb.start(Optional.empty());
    // As the deployed migration: the database and nothing else (no Redis, no signing key).
    master = new HashMap<>();
    master.put("DATABASE_URL", db.jdbcUrl());
    master.put("DATABASE_USER", "master");
    master.put("DATABASE_PASSWORD", MASTER_PASSWORD);
    // The embedded server starts without privilege checks; FLUSH PRIVILEGES turns them on. Then a
    // master account like RDS's (all privileges, with grant option, not root), and, as on RDS, no
    // anonymous account that could shadow the application user.
    try (Connection root = DriverManager.getConnection(url(), "root", "");
        Statement s = root.createStatement()) {
      s.execute("FLUSH PRIVILEGES");
      s.execute("DELETE FROM mysql.global_priv WHERE user = ''");
      s.execute("FLUSH PRIVILEGES");
      s.execute("CREATE USER 'master'@'%' IDENTIFIED BY '" + MASTER_PASSWORD + "'");
      s.execute("GRANT ALL PRIVILEGES ON *.* TO 'master'@'%' WITH GRANT OPTION");
    }
    new MigrateDatabaseFunction(master).migrate();
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  private static Map<String, String> withAppUser(String user, String password) {
    Map<String, String> env = new HashMap<>(master);
    env.put("APP_DATABASE_USER", user);
    env.put("APP_DATABASE_PASSWORD", password);
    return env;
  }

  private static String url() {
    return StoreSettings.jdbcUrlWithDefaults(master.get("DATABASE_URL"));
  }

  @Test
  void migratingAnUpToDateDatabaseAppliesNothingAndReportsTheVersion() {
    Map<String, Object> answer = new MigrateDatabaseFunction(master).handleRequest(Map.of(), null);
    assertEquals(0, answer.get("migrationsExecuted"));
    MigrationReport report = new MigrateDatabaseFunction(master).migrate();
    assertEquals(0, report.migrationsExecuted());
    assertNotNull(report.schemaVersion());
    assertNull(report.applicationUser());
  }

  @Test
  void theApplicationUserMayUseTheRowsAndTheProcedureButNothingElse() throws Exception {
    String user = "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String password = UUID.randomUUID().toString();
    MigrationReport report = new MigrateDatabaseFunction(withAppUser(user, password)).migrate();
    assertEquals(user, report.applicationUser());
    assertTrue(report.applicationUserCreated());
    assertTrue(report.tablesGranted() >= 5, "tables: " + report.tablesGranted());
    assertTrue(report.proceduresGranted() >= 1, "procedures: " + report.proceduresGranted());

    try (Connection app = DriverManager.getConnection(url(), user, password);
        Statement s = app.createStatement()) {
      app.setAutoCommit(false);
      s.executeQuery("SELECT COUNT(*) FROM seats").close();
      s.executeUpdate(
          "INSERT INTO performances (name, venue, starts_at, sale_opens_at, sale_closes_at)"
              + " VALUES ('grant test', 'Hall', NOW(3), NOW(3), NOW(3))");
      s.executeUpdate("UPDATE performances SET venue = 'Other' WHERE name = 'grant test'");
      s.executeUpdate("DELETE FROM performances WHERE name = 'grant test'");
      app.rollback();
      app.setAutoCommit(true);
      try (ResultSet lost =
          s.executeQuery(
              "CALL reserve_available_seats('"
                  + UUID.randomUUID()
                  + "', -1, 'h', NOW(3), 0, -7, NULL, NULL, NULL)")) {
        assertTrue(lost.next());
        assertEquals("-7", lost.getString(1), "nothing to reserve: the seat comes back as lost");
      }
      for (String forbidden :
          new String[] {
            "CREATE TABLE intruder (id INT)",
            "DROP TABLE reservation_seats",
            "ALTER TABLE seats ADD COLUMN x INT",
            "SELECT COUNT(*) FROM flyway_schema_history",
            "DELETE FROM flyway_schema_history",
            "CREATE USER intruder IDENTIFIED BY 'x'",
            "GRANT SELECT ON seats TO '" + user + "'@'%'",
            "SELECT COUNT(*) FROM mysql.user",
            "DROP PROCEDURE reserve_available_seats"
          }) {
        SQLException refused =
            assertThrows(SQLException.class, () -> s.execute(forbidden), forbidden);
        assertTrue(
            refused.getMessage().toLowerCase().contains("denied"),
            forbidden + ": " + refused.getMessage());
      }
    }
  }

  @Test
  void aSecondDeployKeepsThePasswordItsRotationGaveTheUser() throws Exception {
    String user = "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String original = UUID.randomUUID().toString();
    new MigrateDatabaseFunction(withAppUser(user, original)).migrate();
    String rotated = UUID.randomUUID().toString();
    try (Connection root = DriverManager.getConnection(url(), "master", MASTER_PASSWORD);
        Statement s = root.createStatement()) {
      s.execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + rotated + "'");
    }

    MigrationReport again = new MigrateDatabaseFunction(withAppUser(user, original)).migrate();

    assertFalse(again.applicationUserCreated());
    DriverManager.getConnection(url(), user, rotated).close();
    assertThrows(SQLException.class, () -> DriverManager.getConnection(url(), user, original));
  }

  @Test
  void aFunctionWhosePasswordWasRotatedReadsTheNewOneWhenTheDatabaseRefusesTheOld()
      throws Exception {
    String user = "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String before = UUID.randomUUID().toString();
    new MigrateDatabaseFunction(withAppUser(user, before)).migrate();
    // The secret as Secrets Manager would answer it now: rotation changes it below.
    AtomicReference<String> secret = new AtomicReference<>(before);
    Map<String, String> env = new HashMap<>(master);
    env.put("DATABASE_USER", user);
    try (ApplicationContext ctx =
        FunctionContexts.start(
            FunctionEnvironments.ADMIN,
            () -> {
              Map<String, String> now = new HashMap<>(env);
              now.put("DATABASE_PASSWORD", secret.get());
              return Settings.from(now);
            })) {
      DataSource pool = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
      assertEquals(1, count(pool));

      String after = UUID.randomUUID().toString();
      try (Connection root = DriverManager.getConnection(url(), "master", MASTER_PASSWORD);
          Statement s = root.createStatement()) {
        s.execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + after + "'");
      }
      secret.set(after);
      // The pool must open new connections, as after an instance's idle connections expire.
      for (HikariDataSource p : ctx.getBean(DatabaseCredentials.class).pools()) {
        p.getHikariPoolMXBean().softEvictConnections();
      }

      assertEquals(1, count(pool));
    }
  }

  private static long count(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 1")) {
      r.next();
      return r.getLong(1);
    }
  }
}
