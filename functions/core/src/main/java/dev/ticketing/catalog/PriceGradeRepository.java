package dev.ticketing.catalog;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PriceGradeRepository extends CrudRepository<PriceGrade, Long> {
  List<PriceGrade> findByPerformanceId(long performanceId);
}
