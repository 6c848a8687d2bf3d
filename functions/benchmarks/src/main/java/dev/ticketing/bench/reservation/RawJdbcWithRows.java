package dev.ticketing.bench.reservation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A reference line, not a strategy: the ceiling's transaction ({@link RawJdbcCeiling}) plus the two
 * inserts every reservation must make (the reservation and its seats), still over raw JDBC. It
 * shows what writing a reservation at all costs, apart from the service around it.
 */
final class RawJdbcWithRows implements RawJdbcCeiling.OnWin {

  @Override
  public void write(Connection c, long performanceId, List<Long> seats) throws SQLException {
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
    String marks = String.join(",", Collections.nCopies(seats.size(), "?"));
    try (PreparedStatement rows =
        c.prepareStatement(
            "INSERT INTO reservation_seats (reservation_id, seat_id) SELECT ?, id FROM seats"
                + " WHERE performance_id = ? AND id IN ("
                + marks
                + ")")) {
      rows.setString(1, id);
      RawJdbcCeiling.bind(rows, 2, performanceId, seats);
      rows.executeUpdate();
    }
  }
}
