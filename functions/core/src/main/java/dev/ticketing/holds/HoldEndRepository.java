package dev.ticketing.holds;

import dev.ticketing.catalog.Seat;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The statements that end a hold (V4__holds_and_confirmations.sql): each leaves HELD by one
 * conditional update of the reservation's row, so two endings of one hold never both happen. Times
 * are UTC {@code LocalDateTime}s, as every DATETIME column.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface HoldEndRepository extends GenericRepository<Seat, Long> {

  @Introspected
  record ExpiredHold(String id, long performanceId) {}

  /** Holds past their expiry, oldest first ({@code ix_reservations_expiry}). */
  @Query(
      """
      SELECT id, performance_id FROM reservations
       WHERE performance_id = :performanceId AND status = 'HELD' AND expires_at <= :now
       ORDER BY expires_at LIMIT :limit""")
  List<ExpiredHold> findExpired(
      long performanceId, @TypeDef(type = DataType.OBJECT) LocalDateTime now, int limit);

  /** Ends the hold as RELEASED; 1 when it was HELD. */
  @Query(
      """
      UPDATE reservations SET status = 'RELEASED', ended_at = :now
       WHERE id = :reservationId AND performance_id = :performanceId AND status = 'HELD'""")
  long markReleased(
      String reservationId, long performanceId, @TypeDef(type = DataType.OBJECT) LocalDateTime now);

  /** Ends the hold as EXPIRED; 1 when it was HELD and past its expiry at {@code now}. */
  @Query(
      """
      UPDATE reservations SET status = 'EXPIRED', ended_at = :now
       WHERE id = :reservationId AND performance_id = :performanceId AND status = 'HELD'
         AND expires_at <= :now""")
  long markExpired(
      String reservationId, long performanceId, @TypeDef(type = DataType.OBJECT) LocalDateTime now);

  @Query(
      "SELECT seat_id FROM reservation_seats WHERE reservation_id = :reservationId ORDER BY seat_id")
  List<Long> seatsOf(String reservationId);

  /** The ended hold's seats become AVAILABLE again (each change raises the seat's version). */
  @Query(
      """
      UPDATE seats SET status = 'AVAILABLE', version = version + 1
       WHERE performance_id = :performanceId AND id IN (:seatIds) AND status = 'HELD'""")
  long makeAvailable(long performanceId, List<Long> seatIds);

  @Query("DELETE FROM reservation_seats WHERE reservation_id = :reservationId")
  long deleteSeatsOf(String reservationId);
}
