package dev.ticketing.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.MysqlDataSource;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.catalog.Catalog;
import dev.ticketing.config.Secrets;
import dev.ticketing.db.DatabaseCredentials;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.settings.Settings;
import dev.ticketing.settings.StoreSettings;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing secret survives in the beans that use secrets once the checkpoint hooks ran, and the
 * restore hooks bring it back before anything needs it. Where the server checks passwords, the
 * function connects to MariaDB as a user of its own with a real password, so the password has
 * something to lose; the embedded MariaDB runs without grant tables (it accepts any password), and
 * there the function connects as the test user with a password of its own, which the assertions on
 * the beans still follow.
 */
class SnapshotSecretsTest {
  private static final String USER =
      "snap_" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
  private static final String PASSWORD = HexFormat.of().formatHex(randomBytes(16));

  /** False on a server started with --skip-grant-tables (the embedded MariaDB). */
  private static boolean serverChecksPasswords;

  private ApplicationContext ctx;
  private DefaultCheckpointSimulator snapshot;

  @BeforeAll
  static void createDatabaseUser() {
    serverChecksPasswords =
        root(
                "CREATE USER '%1$s'@'%%' IDENTIFIED BY '%2$s'",
                "CREATE USER '%1$s'@'localhost' IDENTIFIED BY '%2$s'",
                "GRANT ALL ON `%3$s`.* TO '%1$s'@'%%'",
                "GRANT ALL ON `%3$s`.* TO '%1$s'@'localhost'")
            .equals("ok");
  }

  @AfterAll
  static void dropDatabaseUser() {
    if (serverChecksPasswords) {
      root("DROP USER '%1$s'@'%%'", "DROP USER '%1$s'@'localhost'");
    }
  }

  @BeforeEach
  void start() {
    String user = serverChecksPasswords ? USER : TestStores.settings().stores().databaseUser();
    ctx =
        TestStores.context(
            FunctionEnvironments.LIST_SEATS,
            Map.of("DATABASE_USER", user, "DATABASE_PASSWORD", PASSWORD));
    List<OrderedResource> resources = new ArrayList<>(ctx.getBeansOfType(OrderedResource.class));
    OrderUtil.sort(resources);
    snapshot = new DefaultCheckpointSimulator(resources);
  }

  @AfterEach
  void stop() {
    ctx.close();
  }

  @Test
  void theContextsSettingsNeverHoldASecret() {
    Settings settings = ctx.getBean(Settings.class);

    assertEquals("", settings.stores().databasePassword());
    assertTrue(settings.stores().tokenSigningKey().isEmpty());
    assertTrue(ctx.getProperty("datasources.default.password", String.class).isEmpty());
  }

  @Test
  void afterTheCheckpointNoBeanHoldsTheKeyOrThePassword() throws Exception {
    HikariDataSource pool = pool();
    assertEquals(PASSWORD, pool.getPassword());
    assertEquals(1, queryInt("SELECT 1"));

    snapshot.runBeforeCheckpoint();

    Secrets secrets = ctx.getBean(Secrets.class);
    assertFalse(secrets.loaded());
    assertTrue(secrets.databasePassword().isEmpty());
    assertThrows(
        IllegalStateException.class,
        () -> ctx.getBean(TokenCodec.class).sign(new AccessClaims(1, 1, "s", 60)));
    assertNull(pool.getPassword());
    assertNull(pool.getCredentials().getPassword());
    for (DatasourceConfiguration config : ctx.getBean(DatabaseCredentials.class).configurations()) {
      assertNull(config.getPassword());
    }
    MysqlDataSource driver = assertInstanceOf(MysqlDataSource.class, pool.getDataSource());
    assertNull(driver.getPassword());
    assertEquals(0, pool.getHikariPoolMXBean().getTotalConnections());
  }

  @Test
  void afterRestoreTheKeyAndThePasswordAreBackAndTheFunctionAnswers() throws Exception {
    long perf = TestPerformances.create(ctx, 2, 3).id();
    TestSessions.Session session = TestSessions.open(ctx, perf);

    snapshot.runBeforeCheckpoint();
    snapshot.runAfterRestore();

    TokenCodec codec = ctx.getBean(TokenCodec.class);
    AccessClaims before = codec.verify(session.accessToken(), AccessClaims.class, Instant.now());
    String fresh = codec.sign(before);
    assertEquals(before, codec.verify(fresh, AccessClaims.class, Instant.now()));
    assertEquals(PASSWORD, pool().getPassword());
    if (serverChecksPasswords) {
      assertEquals(USER, queryString("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1)"));
    } else {
      assertEquals(1, queryInt("SELECT 1"));
    }
    assertEquals(perf, ctx.getBean(Catalog.class).require(perf).id());
    assertTrue(ctx.getBean(SessionRegistry.class).isActive(perf, before.sessionId()));
  }

  private HikariDataSource pool() {
    List<HikariDataSource> pools = ctx.getBean(DatabaseCredentials.class).pools();
    if (pools.isEmpty()) {
      ctx.getBean(Catalog.class).find(0);
      pools = ctx.getBean(DatabaseCredentials.class).pools();
    }
    assertEquals(1, pools.size());
    return pools.get(0);
  }

  /** A new connection each time: after restore it is opened with the reloaded password. */
  private int queryInt(String sql) throws SQLException {
    return Integer.parseInt(queryString(sql));
  }

  private String queryString(String sql) throws SQLException {
    HikariDataSource pool = pool();
    pool.getHikariPoolMXBean().softEvictConnections();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Runs the statements as the test stores' user; "skip-grant-tables" if the server said so. */
  private static String root(String... statements) {
    Settings admin = TestStores.settings();
    try (Connection c =
            DriverManager.getConnection(
                StoreSettings.jdbcUrlWithDefaults(admin.stores().databaseUrl().orElseThrow()),
                admin.stores().databaseUser(),
                admin.stores().databasePassword());
        Statement s = c.createStatement()) {
      String database;
      try (ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
        rs.next();
        database = rs.getString(1);
      }
      for (String sql : statements) {
        s.execute(String.format(sql, USER, PASSWORD, database));
      }
      return "ok";
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("--skip-grant-tables")) {
        return "skip-grant-tables";
      }
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
