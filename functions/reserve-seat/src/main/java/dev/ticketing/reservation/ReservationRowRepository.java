package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** The rows a reservation writes inside its lock strategy's transaction. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReservationRowRepository extends GenericRepository<Seat, Long> {

  /**
   * A hold, HELD until {@code expiresAt}. {@code createdAt} is the reservation's instant in UTC,
   * the time zone of every DATETIME column; handed to the driver as it is, it is written as text
   * without a time-zone conversion.
   */
  @Query(
      """
      INSERT INTO reservations (id, performance_id, holder, created_at, total, status, expires_at)
      VALUES (:reservationId, :performanceId, :holder, :createdAt, :total, 'HELD', :expiresAt)""")
  void insertReservation(
      String reservationId,
      long performanceId,
      String holder,
      @TypeDef(type = DataType.OBJECT) LocalDateTime createdAt,
      BigDecimal total,
      @TypeDef(type = DataType.OBJECT) LocalDateTime expiresAt);

  @Query(
      """
      INSERT INTO reservation_seats (reservation_id, seat_id)
      SELECT :reservationId, id FROM seats WHERE performance_id = :performanceId AND id IN (:seatIds)""")
  long insertReservationSeats(String reservationId, long performanceId, List<Long> seatIds);
}
