package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The seat statements of the lock strategies. Seat ids are always of the given performance. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SeatClaimRepository extends GenericRepository<Seat, Long> {

  /** The conditional update: holds the seats still AVAILABLE; returns how many it held. */
  @Query(
      """
      UPDATE seats SET status = 'HELD', version = version + 1
       WHERE performance_id = :performanceId AND id IN (:seatIds) AND status = 'AVAILABLE'""")
  long holdIfAvailable(long performanceId, List<Long> seatIds);

  /** Locks the seats' rows in ascending id order (the order every locker uses: no deadlock). */
  @Query(
      """
      SELECT id, status, version FROM seats
       WHERE performance_id = :performanceId AND id IN (:seatIds)
       ORDER BY id FOR UPDATE""")
  List<SeatState> lockInOrder(long performanceId, List<Long> seatIds);

  @Query(
      """
      SELECT id, status, version FROM seats
       WHERE performance_id = :performanceId AND id IN (:seatIds)
       ORDER BY id""")
  List<SeatState> read(long performanceId, List<Long> seatIds);

  /** Holds one seat only if nobody changed it since {@code version} was read. */
  @Query(
      """
      UPDATE seats SET status = 'HELD', version = version + 1
       WHERE id = :seatId AND version = :version AND status = 'AVAILABLE'""")
  long holdAtVersion(long seatId, long version);

  @Query(
      """
      SELECT id FROM seats
       WHERE performance_id = :performanceId AND id IN (:seatIds) AND status <> 'AVAILABLE'
       ORDER BY id""")
  List<Long> takenAmong(long performanceId, List<Long> seatIds);
}
