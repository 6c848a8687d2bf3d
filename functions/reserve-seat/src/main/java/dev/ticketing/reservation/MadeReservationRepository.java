package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads back a reservation: the one a session made (at most one: {@code uq_reservations_holder}),
 * or one by its id (its hold token names it).
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface MadeReservationRepository extends GenericRepository<Seat, Long> {

  @Introspected
  record Row(
      String id,
      ReservationStatus status,
      Instant createdAt,
      @Nullable Instant expiresAt,
      BigDecimal total) {}

  @Query(
      """
      SELECT id, status, created_at, expires_at, total FROM reservations
       WHERE performance_id = :performanceId AND holder = :holder""")
  Optional<Row> findByHolder(long performanceId, String holder);

  @Query(
      """
      SELECT id, status, created_at, expires_at, total FROM reservations
       WHERE id = :reservationId AND performance_id = :performanceId""")
  Optional<Row> findById(String reservationId, long performanceId);

  @Query(
      "SELECT seat_id FROM reservation_seats WHERE reservation_id = :reservationId ORDER BY seat_id")
  List<Long> findSeatIds(String reservationId);
}
