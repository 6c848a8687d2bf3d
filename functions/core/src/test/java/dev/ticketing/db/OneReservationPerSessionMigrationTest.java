package dev.ticketing.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ticketing.settings.Settings;
import dev.ticketing.settings.StoreSettings;
import dev.ticketing.testing.TestStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V3 makes a session's reservation unique on a database that already holds sessions with several
 * reservations (made before the fix of issue 16, defect 2): every row is kept, the later ones of a
 * session get a holder of their own, and from then on a second reservation cannot be written.
 */
class OneReservationPerSessionMigrationTest {

  @Test
  void sessionsWithSeveralReservationsKeepThemAllAndTheKeyBecomesUnique() throws SQLException {
    Settings settings = TestStores.settings();
    String url = StoreSettings.jdbcUrlWithDefaults(settings.stores().databaseUrl().orElseThrow());
    String database = "v3_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    String user = settings.stores().databaseUser();
    String password = settings.stores().databasePassword();
    try (Connection admin = DriverManager.getConnection(url, user, password);
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    String databaseUrl = url.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    try {
      Flyway.configure()
          .dataSource(databaseUrl, user, password)
          .locations("classpath:db/migration")
          .target("2")
          .load()
          .migrate();
      try (Connection c = DriverManager.getConnection(databaseUrl, user, password);
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO performances (id, name, venue, starts_at, sale_opens_at, sale_closes_at)"
                + " VALUES (1, 'P', 'V', NOW(), NOW(), NOW())");
        s.execute(
            "INSERT INTO price_grades (id, performance_id, name, price) VALUES (1, 1, 'R', 1)");
        for (int seat = 1; seat <= 3; seat++) {
          s.execute(
              "INSERT INTO seats (id, performance_id, zone, row_label, seat_number, grade_id,"
                  + " status) VALUES ("
                  + seat
                  + ", 1, 'Z', '1', "
                  + seat
                  + ", 1, 'RESERVED')");
        }
        reservation(s, "aaaaaaaa-0000-0000-0000-000000000001", "session-a", "10:00:00", 1);
        reservation(s, "bbbbbbbb-0000-0000-0000-000000000002", "session-a", "10:00:05", 2);
        reservation(s, "cccccccc-0000-0000-0000-000000000003", "session-b", "10:00:01", 3);
      }

      Migrations.apply(databaseUrl, user, password);

      try (Connection c = DriverManager.getConnection(databaseUrl, user, password);
          Statement s = c.createStatement()) {
        assertEquals(
            List.of(
                "aaaaaaaa-0000-0000-0000-000000000001 session-a",
                "bbbbbbbb-0000-0000-0000-000000000002 session-a#bbbbbbbb-0000-0000-0000-000",
                "cccccccc-0000-0000-0000-000000000003 session-b"),
            rows(s, "SELECT CONCAT(id, ' ', holder) FROM reservations ORDER BY id"));
        assertEquals(3, rows(s, "SELECT seat_id FROM reservation_seats").size());
        assertThrows(
            SQLIntegrityConstraintViolationException.class,
            () ->
                reservation(s, "dddddddd-0000-0000-0000-000000000004", "session-b", "10:01:00", 0));
      }
    } finally {
      try (Connection admin = DriverManager.getConnection(url, user, password);
          Statement s = admin.createStatement()) {
        s.execute("DROP DATABASE " + database);
      }
    }
  }

  private static void reservation(Statement s, String id, String holder, String at, int seat)
      throws SQLException {
    s.execute(
        "INSERT INTO reservations (id, performance_id, holder, created_at, total) VALUES ('"
            + id
            + "', 1, '"
            + holder
            + "', '2026-12-01 "
            + at
            + "', 1)");
    if (seat > 0) {
      s.execute(
          "INSERT INTO reservation_seats (reservation_id, seat_id) VALUES ('"
              + id
              + "', "
              + seat
              + ")");
    }
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
