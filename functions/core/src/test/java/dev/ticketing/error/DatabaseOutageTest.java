package dev.ticketing.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.settings.Settings;
import dev.ticketing.settings.StoreSettings;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A pooled MySQL connection that dies under a request (the server killed it, or died itself) is a
 * store outage in each form the request then meets: the driver's communications failure on the
 * statement that finds it dead, and the pool's "Connection is closed" on every later use of the
 * connection it has since closed (seen in the fault-injection suite when MariaDB was killed).
 */
class DatabaseOutageTest {

  @Test
  void aPooledConnectionKilledUnderARequestIsAStoreOutageEveryTimeItIsUsed() throws Exception {
    try (ApplicationContext ctx = TestStores.context(FunctionEnvironments.LIST_SEATS)) {
      DataSource pool = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
      try (Connection pooled = pool.getConnection()) {
        kill(connectionId(pooled));

        SQLException dead = assertThrows(SQLException.class, () -> connectionId(pooled));
        SQLException closed = assertThrows(SQLException.class, () -> pooled.setReadOnly(true));

        for (SQLException e : new SQLException[] {dead, closed}) {
          RuntimeException failure = new IllegalStateException("a data access failed", e);
          assertTrue(StoreOutage.causedBy(failure), "not an outage: " + e);
          HttpResponse<?> answer =
              new UnexpectedErrorHandler().handle(HttpRequest.GET("/"), failure);
          assertEquals(503, answer.getStatus().getCode(), e.toString());
          assertEquals("2", answer.getHeaders().get(HttpHeaders.RETRY_AFTER));
        }
      }
    }
  }

  private static long connectionId(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void kill(long connectionId) throws SQLException {
    Settings settings = TestStores.settings();
    try (Connection admin =
            DriverManager.getConnection(
                StoreSettings.jdbcUrlWithDefaults(settings.stores().databaseUrl().orElseThrow()),
                settings.stores().databaseUser(),
                settings.stores().databasePassword());
        Statement s = admin.createStatement()) {
      s.execute("KILL " + connectionId);
    }
  }
}
