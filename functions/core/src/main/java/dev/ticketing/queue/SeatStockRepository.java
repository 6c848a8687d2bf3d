package dev.ticketing.queue;

import dev.ticketing.catalog.Seat;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/**
 * The seat counts the advancer sizes admission by: the seats AVAILABLE, and those HELD (in a hold
 * that may yet expire or be released, so they could come back). One index range read each, per tick
 * and sale.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SeatStockRepository extends GenericRepository<Seat, Long> {

  @Query(
      """
      SELECT COUNT(*) FROM seats
       WHERE performance_id = :performanceId AND status = 'AVAILABLE'""")
  long countAvailable(long performanceId);

  @Query(
      """
      SELECT COUNT(*) FROM seats
       WHERE performance_id = :performanceId AND status = 'HELD'""")
  long countHeld(long performanceId);
}
