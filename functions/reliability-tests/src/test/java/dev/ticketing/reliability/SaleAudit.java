package dev.ticketing.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What MySQL (the suite's own mariadbd) holds for a performance: the truth the checks compare to.
 */
final class SaleAudit {
  /** One reservation as MySQL holds it. */
  record Row(String holder, List<Long> seats) {}

  private final MariaDbProcess db;

  SaleAudit(MariaDbProcess db) {
    this.db = db;
  }

  /**
   * A performance of {@code rows} × {@code perRow} seats at 50.00, its sale open for a day, created
   * in one transaction as the operator command does (the advancer sees an open sale at once).
   */
  long createPerformance(String name, int rows, int perRow) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate(
          "INSERT INTO performances (name, venue, starts_at, sale_opens_at, sale_closes_at)"
              + " VALUES ('"
              + name
              + "', 'Fault Hall', UTC_TIMESTAMP() + INTERVAL 2 DAY,"
              + " UTC_TIMESTAMP() - INTERVAL 1 SECOND, UTC_TIMESTAMP() + INTERVAL 1 DAY)",
          Statement.RETURN_GENERATED_KEYS);
      long performance = generatedKey(s);
      s.executeUpdate(
          "INSERT INTO price_grades (performance_id, name, price) VALUES ("
              + performance
              + ", 'A', 50.00)",
          Statement.RETURN_GENERATED_KEYS);
      long grade = generatedKey(s);
      for (int row = 1; row <= rows; row++) {
        for (int seat = 1; seat <= perRow; seat++) {
          s.executeUpdate(
              "INSERT INTO seats (performance_id, zone, row_label, seat_number, grade_id) VALUES ("
                  + performance
                  + ", 'Stalls', '"
                  + row
                  + "', "
                  + seat
                  + ", "
                  + grade
                  + ")");
        }
      }
      c.commit();
      return performance;
    }
  }

  List<Long> reservedSeats(long performanceId) throws SQLException {
    return longs(
        "SELECT id FROM seats WHERE performance_id = ? AND status = 'RESERVED' ORDER BY id",
        performanceId);
  }

  /** Seats HELD (holds not confirmed). */
  List<Long> heldSeats(long performanceId) throws SQLException {
    return longs(
        "SELECT id FROM seats WHERE performance_id = ? AND status = 'HELD' ORDER BY id",
        performanceId);
  }

  /** Reservations that are not CONFIRMED. */
  long unconfirmed(long performanceId) throws SQLException {
    return longs(
            "SELECT COUNT(*) FROM reservations WHERE performance_id = ? AND status <> 'CONFIRMED'",
            performanceId)
        .get(0);
  }

  /** Reservations by id. */
  Map<String, Row> reservations(long performanceId) throws SQLException {
    Map<String, Row> rows = new HashMap<>();
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT r.id, r.holder, rs.seat_id FROM reservations r"
                    + " JOIN reservation_seats rs ON rs.reservation_id = r.id"
                    + " WHERE r.performance_id = ? ORDER BY rs.seat_id")) {
      s.setLong(1, performanceId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.computeIfAbsent(rs.getString(1), id -> new Row(null, new ArrayList<>()));
          Row row = rows.get(rs.getString(1));
          List<Long> seats = new ArrayList<>(row.seats());
          seats.add(rs.getLong(3));
          rows.put(rs.getString(1), new Row(rs.getString(2), seats));
        }
      }
    }
    return rows;
  }

  /**
   * Double bookings as MySQL sees them: seats in several reservations, HELD or RESERVED seats not
   * in exactly one, seats whose status does not follow their reservation's (HELD in a HELD one,
   * RESERVED in a CONFIRMED one, none in a hold that ended), sessions with several reservations.
   */
  long doubleBookings(long performanceId) throws SQLException {
    return longs(
                "SELECT COUNT(*) FROM (SELECT rs.seat_id FROM reservation_seats rs"
                    + " JOIN seats s ON s.id = rs.seat_id WHERE s.performance_id = ?"
                    + " GROUP BY rs.seat_id HAVING COUNT(*) > 1) d",
                performanceId)
            .get(0)
        + longs(
                "SELECT COUNT(*) FROM seats s WHERE s.performance_id = ? AND s.status <> 'AVAILABLE'"
                    + " AND (SELECT COUNT(*) FROM reservation_seats rs WHERE rs.seat_id = s.id) <> 1",
                performanceId)
            .get(0)
        + longs(
                "SELECT COUNT(*) FROM reservation_seats rs JOIN seats s ON s.id = rs.seat_id"
                    + " JOIN reservations r ON r.id = rs.reservation_id WHERE s.performance_id = ?"
                    + " AND NOT ((r.status = 'HELD' AND s.status = 'HELD')"
                    + " OR (r.status = 'CONFIRMED' AND s.status = 'RESERVED'))",
                performanceId)
            .get(0)
        + longs(
                "SELECT COUNT(*) FROM (SELECT holder FROM reservations WHERE performance_id = ?"
                    + " GROUP BY holder HAVING COUNT(*) > 1) d",
                performanceId)
            .get(0);
  }

  private List<Long> longs(String sql, long performanceId) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, performanceId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getLong(1));
        }
      }
    }
    return values;
  }

  private static long generatedKey(Statement s) throws SQLException {
    try (ResultSet keys = s.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }
}
