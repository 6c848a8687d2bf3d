package dev.ticketing.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The database's verdict on a sale, the checks the load tests make after a run
 * (loadtest/README.md): no seat in two reservations, the seats taken (HELD or RESERVED) exactly the
 * seats in reservations, every 201 a client saw in the database with exactly its seats, nobody over
 * the seat limit. Read-only, in one consistent snapshot (one REPEATABLE READ transaction), so it
 * may run during a sale.
 */
final class ReservationAudit {
  /** How many offending ids a report lists; the counts are complete. */
  static final int EXAMPLES = 20;

  private final DataSource dataSource;

  ReservationAudit(DataSource dataSource) {
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  @Serdeable
  record Report(
      long performanceId,
      boolean correct,
      long seats,
      long seatsReserved,
      long seatsInReservations,
      long doubleBookings,
      long statusMismatches,
      int maxSeatsPerHolder,
      long holdersOverLimit,
      long reservations,
      @Nullable Integer clientReservations,
      @Nullable Integer clientReservationsMissing,
      @Nullable Integer reservationsUnseenByClients,
      List<String> examples) {

    String text() {
      StringBuilder b = new StringBuilder();
      b.append("audit of performance ")
          .append(performanceId)
          .append(": ")
          .append(correct ? "CORRECT" : "WRONG")
          .append('\n');
      line(b, "seats", seats);
      line(b, "seats taken (HELD or RESERVED)", seatsReserved);
      line(b, "seats in reservations", seatsInReservations);
      line(b, "double bookings (seats in two reservations)", doubleBookings);
      line(b, "seats whose status disagrees with the reservations", statusMismatches);
      line(b, "holders over " + maxSeatsPerHolder + " seats", holdersOverLimit);
      line(b, "reservations in the database", reservations);
      if (clientReservations != null) {
        line(b, "201s the clients saw", clientReservations);
        line(b, "of those, missing or with other seats in the database", clientReservationsMissing);
        line(b, "reservations no client saw a 201 for", reservationsUnseenByClients);
      }
      examples.forEach(e -> b.append("  ! ").append(e).append('\n'));
      return b.toString().stripTrailing();
    }

    private static void line(StringBuilder b, String what, long n) {
      b.append("  ").append(what).append(": ").append(n).append('\n');
    }
  }

  /**
   * @param clientReservations the 201s the clients saw, or null when they are not known
   */
  Report audit(
      long performanceId,
      int maxSeatsPerHolder,
      @Nullable List<ClientReservation> clientReservations)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      try {
        if (count(c, "SELECT COUNT(*) FROM performances WHERE id = ?", performanceId) == 0) {
          throw new AdminException("There is no performance " + performanceId + ".");
        }
        List<String> examples = new ArrayList<>();
        long seats = count(c, "SELECT COUNT(*) FROM seats WHERE performance_id = ?", performanceId);
        long reserved =
            count(
                c,
                "SELECT COUNT(*) FROM seats WHERE performance_id = ? AND status <> 'AVAILABLE'",
                performanceId);
        long inReservations =
            count(
                c,
                "SELECT COUNT(*) FROM reservation_seats rs JOIN seats s ON s.id = rs.seat_id"
                    + " WHERE s.performance_id = ?",
                performanceId);
        List<Long> doubles =
            ids(
                c,
                "SELECT rs.seat_id FROM reservation_seats rs JOIN seats s ON s.id = rs.seat_id"
                    + " WHERE s.performance_id = ? GROUP BY rs.seat_id HAVING COUNT(*) > 1",
                performanceId);
        doubles.stream()
            .limit(EXAMPLES)
            .forEach(id -> examples.add("seat " + id + " is in more than one reservation"));
        List<Long> mismatched =
            ids(
                c,
                "SELECT s.id FROM seats s LEFT JOIN reservation_seats rs ON rs.seat_id = s.id"
                    + " WHERE s.performance_id = ?"
                    + " AND (s.status <> 'AVAILABLE') <> (rs.seat_id IS NOT NULL)",
                performanceId);
        mismatched.stream()
            .limit(EXAMPLES)
            .forEach(
                id -> examples.add("seat " + id + "'s status disagrees with the reservations"));
        List<String> overLimit = new ArrayList<>();
        try (PreparedStatement q =
            c.prepareStatement(
                "SELECT r.holder, COUNT(*) FROM reservations r"
                    + " JOIN reservation_seats rs ON rs.reservation_id = r.id"
                    + " WHERE r.performance_id = ? GROUP BY r.holder HAVING COUNT(*) > ?")) {
          q.setLong(1, performanceId);
          q.setInt(2, maxSeatsPerHolder);
          try (ResultSet r = q.executeQuery()) {
            while (r.next()) {
              overLimit.add("holder " + r.getString(1) + " holds " + r.getLong(2) + " seats");
            }
          }
        }
        overLimit.stream().limit(EXAMPLES).forEach(examples::add);
        Map<String, Set<Long>> inDb = reservationSeats(c, performanceId);
        Integer seen = null;
        Integer missing = null;
        Integer unseen = null;
        if (clientReservations != null) {
          Set<String> seenIds = new HashSet<>();
          int absent = 0;
          for (ClientReservation r : clientReservations) {
            seenIds.add(r.reservationId());
            Set<Long> dbSeats = inDb.get(r.reservationId());
            if (dbSeats == null || !dbSeats.equals(new HashSet<>(r.seatIds()))) {
              if (absent++ < EXAMPLES) {
                examples.add(
                    "the client's 201 "
                        + r.reservationId()
                        + " (seats "
                        + r.seatIds()
                        + ") is "
                        + (dbSeats == null
                            ? "not in the database"
                            : "there with seats " + dbSeats));
              }
            }
          }
          seen = clientReservations.size();
          missing = absent;
          unseen = (int) inDb.keySet().stream().filter(id -> !seenIds.contains(id)).count();
        }
        boolean correct =
            doubles.isEmpty()
                && mismatched.isEmpty()
                && reserved == inReservations
                && overLimit.isEmpty()
                && (missing == null || missing == 0);
        return new Report(
            performanceId,
            correct,
            seats,
            reserved,
            inReservations,
            doubles.size(),
            mismatched.size(),
            maxSeatsPerHolder,
            overLimit.size(),
            inDb.size(),
            seen,
            missing,
            unseen,
            examples);
      } finally {
        c.rollback();
      }
    }
  }

  private static Map<String, Set<Long>> reservationSeats(Connection c, long performanceId)
      throws SQLException {
    Map<String, Set<Long>> seats = new HashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT r.id, rs.seat_id FROM reservations r"
                + " LEFT JOIN reservation_seats rs ON rs.reservation_id = r.id"
                + " WHERE r.performance_id = ?")) {
      q.setLong(1, performanceId);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          Set<Long> ids = seats.computeIfAbsent(r.getString(1), k -> new HashSet<>());
          long seat = r.getLong(2);
          if (!r.wasNull()) {
            ids.add(seat);
          }
        }
      }
    }
    return seats;
  }

  private static long count(Connection c, String sql, long performanceId) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setLong(1, performanceId);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static List<Long> ids(Connection c, String sql, long performanceId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setLong(1, performanceId);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }
}
