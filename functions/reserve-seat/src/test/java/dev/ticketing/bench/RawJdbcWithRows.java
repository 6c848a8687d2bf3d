package dev.ticketing.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A reference line, not a strategy: the ceiling's transaction ({@link RawJdbcCeiling}) plus the two
 * inserts every reservation must make (the reservation and its seats), still over raw JDBC. It
 * shows what writing a reservation at all costs, apart from the service around it.
 */
final class RawJdbcWithRows implements Attempt {
  private final DataSource dataSource;

  RawJdbcWithRows(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Result reserve(long performanceId, List<Long> seats) {
    String marks = String.join(",", Collections.nCopies(seats.size(), "?"));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      int updated;
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE seats SET status = 'RESERVED', version = version + 1"
                  + " WHERE performance_id = ? AND id IN ("
                  + marks
                  + ") AND status = 'AVAILABLE'")) {
        bind(update, 1, performanceId, seats);
        updated = update.executeUpdate();
      }
      if (updated == seats.size()) {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement reservation =
            c.prepareStatement(
                "INSERT INTO reservations (id, performance_id, holder, created_at, total)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
          reservation.setString(1, id);
          reservation.setLong(2, performanceId);
          reservation.setString(3, id);
          reservation.setObject(4, LocalDateTime.now(ZoneOffset.UTC));
          reservation.setBigDecimal(5, BigDecimal.TEN);
          reservation.executeUpdate();
        }
        try (PreparedStatement rows =
            c.prepareStatement(
                "INSERT INTO reservation_seats (reservation_id, seat_id) SELECT ?, id FROM seats"
                    + " WHERE performance_id = ? AND id IN ("
                    + marks
                    + ")")) {
          rows.setString(1, id);
          bind(rows, 2, performanceId, seats);
          rows.executeUpdate();
        }
        c.commit();
        return new Result(true, seats);
      }
      c.rollback();
      c.setAutoCommit(true);
      try (PreparedStatement taken =
          c.prepareStatement(
              "SELECT id FROM seats WHERE performance_id = ? AND id IN ("
                  + marks
                  + ") AND status <> 'AVAILABLE'")) {
        bind(taken, 1, performanceId, seats);
        List<Long> sold = new ArrayList<>();
        try (ResultSet rs = taken.executeQuery()) {
          while (rs.next()) {
            sold.add(rs.getLong(1));
          }
        }
        return new Result(false, sold);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void bind(
      PreparedStatement statement, int first, long performanceId, List<Long> seats)
      throws SQLException {
    statement.setLong(first, performanceId);
    for (int i = 0; i < seats.size(); i++) {
      statement.setLong(first + i + 1, seats.get(i));
    }
  }
}
