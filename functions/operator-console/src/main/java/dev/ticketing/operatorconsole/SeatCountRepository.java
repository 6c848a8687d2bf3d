package dev.ticketing.operatorconsole;

import dev.ticketing.catalog.Seat;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The seats of a performance sold (in a confirmed reservation), for the console. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SeatCountRepository extends GenericRepository<Seat, Long> {

  @Query(
      """
      SELECT COUNT(*) FROM seats
       WHERE performance_id = :performanceId AND status = 'RESERVED'""")
  long countSold(long performanceId);
}
