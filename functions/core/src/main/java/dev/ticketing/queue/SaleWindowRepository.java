package dev.ticketing.queue;

import dev.ticketing.catalog.Performance;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sale windows the waiting room reads: cheap lookups, no seat counts. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SaleWindowRepository extends GenericRepository<Performance, Long> {

  @Query(
      """
      SELECT * FROM performances
       WHERE sale_opens_at <= :now AND sale_closes_at > :now
       ORDER BY id""")
  List<Performance> findOnSale(Instant now);

  @Query(
      """
      SELECT COUNT(*) FROM performances
       WHERE sale_opens_at < :until AND sale_closes_at > :now""")
  long countOnSaleBetween(Instant now, Instant until);

  /** Ends a sale that has not ended yet at {@code now}: 1 if it did, 0 otherwise. */
  @Query(
      """
      UPDATE performances SET sale_closes_at = :now
       WHERE id = :id AND sale_closes_at > :now""")
  long closeSale(long id, Instant now);

  @Query("SELECT * FROM performances WHERE id = :id")
  Optional<Performance> findById(long id);
}
