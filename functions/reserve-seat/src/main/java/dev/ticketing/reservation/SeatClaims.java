package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The transaction every strategy claims its seats in, and the translation of a lost claim into the
 * seats to name in the 409: the rolled-back transaction leaves nothing behind, and a lock that
 * could not be had (timeout, deadlock) is a lost race, never a 500.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class SeatClaims {
  private static final Object ALL_TAKEN = new Object();
  private static final Object SOME_TAKEN = new Object();

  private final ConnectionOperations<Connection> connections;
  private final TransactionOperations<Connection> transactions;
  private final SeatClaimRepository seats;

  public SeatClaims(
      ConnectionOperations<Connection> connections,
      TransactionOperations<Connection> transactions,
      SeatClaimRepository seats) {
    this.connections = connections;
    this.transactions = transactions;
    this.seats = seats;
  }

  /** Runs {@code claim} in one transaction; a {@link ClaimLost} or lock failure rolls it back. */
  public <T> T inTransaction(long performanceId, List<Long> seatIds, Supplier<T> claim) {
    try {
      return transactions.executeWrite(status -> claim.get());
    } catch (RuntimeException e) {
      throw translated(performanceId, seatIds, e);
    }
  }

  private RuntimeException translated(long performanceId, List<Long> seatIds, RuntimeException e) {
    if (e instanceof ClaimLost lost) {
      return lost.sold().isEmpty()
          ? lost(performanceId, seatIds, seatIds)
          : new SeatsUnavailableException(lost.sold(), true);
    }
    return LockFailures.isLockFailure(e) ? lost(performanceId, seatIds, seatIds) : e;
  }

  /**
   * The conditional update (all requested seats still AVAILABLE, else none), then {@code inside}.
   * The update reads each row's latest committed state, after waiting for any lock on it: when it
   * changed no row, every requested seat is RESERVED, and the 409 names them without asking MySQL
   * again; when it changed some, only MySQL can tell which of the others are taken. A lost update
   * marks the transaction rollback-only rather than throwing through it: losing is the common case
   * under contention, and an exception unwinding the transaction machinery costs more than the
   * rollback. The connection outlives the transaction, so the read that names the taken seats after
   * a partial loss runs on it instead of waiting for another from the pool.
   */
  @SuppressWarnings("unchecked")
  public <T> T updateIfAvailable(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    return connections.executeWrite(
        connection -> {
          Object outcome;
          try {
            outcome =
                transactions.executeWrite(
                    status -> {
                      long reserved = seats.holdIfAvailable(performanceId, seatIds);
                      if (reserved != seatIds.size()) {
                        status.setRollbackOnly();
                        return reserved == 0 ? ALL_TAKEN : SOME_TAKEN;
                      }
                      return inside.get();
                    });
          } catch (RuntimeException e) {
            throw translated(performanceId, seatIds, e);
          }
          if (outcome == ALL_TAKEN) {
            throw new SeatsUnavailableException(seatIds, true);
          }
          if (outcome == SOME_TAKEN) {
            throw lost(performanceId, seatIds, seatIds);
          }
          return (T) outcome;
        });
  }

  /**
   * After a lost claim: the requested seats MySQL now says are taken; if none is (the winner had
   * not committed yet, or rolled back), the {@code busy} ones this request could not get.
   */
  public SeatsUnavailableException lost(long performanceId, List<Long> seatIds, List<Long> busy) {
    List<Long> taken = seats.takenAmong(performanceId, seatIds);
    return taken.isEmpty()
        ? new SeatsUnavailableException(busy, false)
        : new SeatsUnavailableException(taken, true);
  }

  public SeatClaimRepository seats() {
    return seats;
  }
}
