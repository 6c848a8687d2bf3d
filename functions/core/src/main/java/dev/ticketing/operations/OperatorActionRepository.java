package dev.ticketing.operations;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The audit log: written once per action, read newest first. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface OperatorActionRepository extends GenericRepository<OperatorAction, Long> {

  OperatorAction save(OperatorAction action);

  @Query(
      """
      SELECT * FROM operator_actions
       WHERE performance_id = :performanceId
       ORDER BY id DESC
       LIMIT :limit""")
  List<OperatorAction> findLatest(long performanceId, int limit);
}
