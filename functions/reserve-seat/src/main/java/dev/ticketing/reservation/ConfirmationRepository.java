package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDateTime;

/**
 * The statements of a confirmation, one transaction: the reservation leaves HELD by one conditional
 * update of its row (so an expiry or a release racing it loses, or it does), then its seats turn
 * RESERVED.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ConfirmationRepository extends GenericRepository<Seat, Long> {

  /** 1 when the hold was HELD and not past its expiry at {@code now}: it is CONFIRMED now. */
  @Query(
      """
      UPDATE reservations
         SET status = 'CONFIRMED', buyer_name = :name, buyer_email = :email, ended_at = :now
       WHERE id = :reservationId AND performance_id = :performanceId AND status = 'HELD'
         AND expires_at > :now""")
  long confirm(
      String reservationId,
      long performanceId,
      String name,
      String email,
      @TypeDef(type = DataType.OBJECT) LocalDateTime now);

  /** The confirmed hold's seats become RESERVED (each change raises the seat's version). */
  @Query(
      """
      UPDATE seats s JOIN reservation_seats rs ON rs.seat_id = s.id
         SET s.status = 'RESERVED', s.version = s.version + 1
       WHERE rs.reservation_id = :reservationId AND s.status = 'HELD'""")
  long reserveSeatsOf(String reservationId);
}
