package dev.ticketing.bench.reservation;

import dev.ticketing.catalog.Seat;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/**
 * Removes a measured performance and everything written for it, so that every round writes into
 * tables of the same size. Without it each run leaves some 120,000 seats and 70,000 reservations
 * behind; once the tables outgrow InnoDB's buffer pool, whatever inserts reservation rows reads
 * pages from disk, and the ceiling, which inserts none, does not.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface MeasuredRows extends GenericRepository<Seat, Long> {

  @Query(
      """
      DELETE rs FROM reservation_seats rs JOIN reservations r ON r.id = rs.reservation_id
       WHERE r.performance_id = :performanceId""")
  void deleteReservationSeats(long performanceId);

  @Query("DELETE FROM reservations WHERE performance_id = :performanceId")
  void deleteReservations(long performanceId);

  @Query("DELETE FROM seats WHERE performance_id = :performanceId")
  void deleteSeats(long performanceId);

  @Query("DELETE FROM price_grades WHERE performance_id = :performanceId")
  void deletePriceGrades(long performanceId);

  @Query("DELETE FROM performances WHERE id = :performanceId")
  void deletePerformance(long performanceId);

  default void deleteAll(long performanceId) {
    deleteReservationSeats(performanceId);
    deleteReservations(performanceId);
    deleteSeats(performanceId);
    deletePriceGrades(performanceId);
    deletePerformance(performanceId);
  }
}
