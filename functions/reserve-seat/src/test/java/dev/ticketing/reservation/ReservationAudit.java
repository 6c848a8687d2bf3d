package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** What tests check in MySQL after a run: the invariants of a correct reservation system. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReservationAudit extends GenericRepository<Seat, Long> {

  /** Seats HELD or RESERVED. */
  @Query(
      "SELECT COUNT(*) FROM seats WHERE performance_id = :performanceId AND status <> 'AVAILABLE'")
  long takenSeats(long performanceId);

  @Query("SELECT COUNT(*) FROM seats WHERE performance_id = :performanceId AND status = :status")
  long seatsIn(long performanceId, String status);

  @Query(
      "SELECT COUNT(*) FROM reservations WHERE performance_id = :performanceId AND status = :status")
  long reservationsIn(long performanceId, String status);

  @Query("SELECT status FROM reservations WHERE id = :reservationId")
  String reservationStatus(String reservationId);

  @Query(
      """
      SELECT COUNT(*) FROM reservation_seats rs JOIN reservations r ON r.id = rs.reservation_id
       WHERE r.performance_id = :performanceId""")
  long reservationSeatRows(long performanceId);

  @Query("SELECT COUNT(*) FROM reservations WHERE performance_id = :performanceId")
  long reservations(long performanceId);

  /** Seats in more than one reservation (the backstop makes this 0 even for a wrong strategy). */
  @Query(
      """
      SELECT COUNT(*) FROM (
        SELECT rs.seat_id FROM reservation_seats rs JOIN seats s ON s.id = rs.seat_id
         WHERE s.performance_id = :performanceId GROUP BY rs.seat_id HAVING COUNT(*) > 1) d""")
  long seatsInSeveralReservations(long performanceId);

  /** HELD or RESERVED seats that do not belong to exactly one reservation. */
  @Query(
      """
      SELECT COUNT(*) FROM seats s
       WHERE s.performance_id = :performanceId AND s.status <> 'AVAILABLE'
         AND (SELECT COUNT(*) FROM reservation_seats rs WHERE rs.seat_id = s.id) <> 1""")
  long takenSeatsWithoutOneReservation(long performanceId);

  /**
   * Seats of a reservation whose status does not follow it: a HELD reservation's seats are HELD, a
   * CONFIRMED one's RESERVED, and a hold that ended has none.
   */
  @Query(
      """
      SELECT COUNT(*) FROM reservation_seats rs JOIN seats s ON s.id = rs.seat_id
        JOIN reservations r ON r.id = rs.reservation_id
       WHERE s.performance_id = :performanceId
         AND NOT ((r.status = 'HELD' AND s.status = 'HELD')
               OR (r.status = 'CONFIRMED' AND s.status = 'RESERVED'))""")
  long reservationSeatsOutOfStep(long performanceId);

  @Query(
      "SELECT id FROM seats WHERE performance_id = :performanceId AND status <> 'AVAILABLE'"
          + " ORDER BY id")
  List<Long> takenSeatIds(long performanceId);

  @Query("SELECT status FROM seats WHERE id = :seatId")
  String status(long seatId);

  /** Seats in the holder's reservations for the performance. */
  @Query(
      """
      SELECT COUNT(*) FROM reservation_seats rs JOIN reservations r ON r.id = rs.reservation_id
       WHERE r.performance_id = :performanceId AND r.holder = :holder""")
  long holderSeats(long performanceId, String holder);
}
