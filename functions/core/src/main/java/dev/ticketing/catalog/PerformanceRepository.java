package dev.ticketing.catalog;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PerformanceRepository extends CrudRepository<Performance, Long> {

  boolean existsByNameAndSaleClosesAtGreaterThan(String name, Instant instant);

  @Query(
      """
      SELECT p.id, p.name, p.venue, p.starts_at, p.sale_opens_at, p.sale_closes_at,
             COUNT(s.id) AS seat_count,
             CAST(COALESCE(SUM(s.status = 'AVAILABLE'), 0) AS SIGNED) AS available_count
        FROM performances p LEFT JOIN seats s ON s.performance_id = p.id
       GROUP BY p.id, p.name, p.venue, p.starts_at, p.sale_opens_at, p.sale_closes_at
       ORDER BY p.starts_at, p.id""")
  List<PerformanceSummary> findSummaries();

  @Query(
      """
      SELECT p.id, p.name, p.venue, p.starts_at, p.sale_opens_at, p.sale_closes_at,
             COUNT(s.id) AS seat_count,
             CAST(COALESCE(SUM(s.status = 'AVAILABLE'), 0) AS SIGNED) AS available_count
        FROM performances p LEFT JOIN seats s ON s.performance_id = p.id
       WHERE p.id = :id
       GROUP BY p.id, p.name, p.venue, p.starts_at, p.sale_opens_at, p.sale_closes_at""")
  Optional<PerformanceSummary> findSummary(long id);

  @Query(
      """
      SELECT s.zone, g.name AS grade, g.price, COUNT(*) AS seat_count,
             CAST(SUM(s.status = 'AVAILABLE') AS SIGNED) AS available_count
        FROM seats s JOIN price_grades g ON g.id = s.grade_id
       WHERE s.performance_id = :performanceId
       GROUP BY s.zone, g.name, g.price
       ORDER BY MIN(s.id)""")
  List<ZoneGradeCount> countByZoneAndGrade(long performanceId);
}
