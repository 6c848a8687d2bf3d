package dev.ticketing.seats;

import dev.ticketing.catalog.Seat;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The seat map as MySQL, the source of truth, holds it. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SeatLayoutRepository extends GenericRepository<Seat, Long> {

  @Query(
      """
      SELECT s.id, s.zone, s.row_label AS `row`, s.seat_number AS number, g.name AS grade, g.price
        FROM seats s JOIN price_grades g ON g.id = s.grade_id
       WHERE s.performance_id = :performanceId
       ORDER BY s.id""")
  List<SeatInfo> findLayout(long performanceId);

  /** Every seat's status and version, in one statement (one consistent read). */
  @Query("SELECT id, status, version FROM seats WHERE performance_id = :performanceId")
  List<SeatVersion> findStates(long performanceId);

  /**
   * The performance's seat changes so far: every status change raises a seat's version by one. The
   * version of a live map that saw every change.
   */
  @Query("SELECT COALESCE(SUM(version), 0) FROM seats WHERE performance_id = :performanceId")
  long sumVersions(long performanceId);

  @Query("SELECT COUNT(*) FROM seats WHERE performance_id = :performanceId AND status = 'RESERVED'")
  long countReserved(long performanceId);
}
