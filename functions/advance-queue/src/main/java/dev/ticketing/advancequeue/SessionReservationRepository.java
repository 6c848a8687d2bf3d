package dev.ticketing.advancequeue;

import dev.ticketing.catalog.Seat;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The committed reservations of given sessions (a reservation's holder is its session id). */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SessionReservationRepository extends GenericRepository<Seat, Long> {

  @Introspected
  record ReservedSeat(String holder, long seatId) {}

  /** One row per seat, through {@code uq_reservations_holder}. */
  @Query(
      """
      SELECT r.holder, rs.seat_id FROM reservations r
        JOIN reservation_seats rs ON rs.reservation_id = r.id
       WHERE r.performance_id = :performanceId AND r.holder IN (:holders)""")
  List<ReservedSeat> findSeatsOf(long performanceId, List<String> holders);
}
