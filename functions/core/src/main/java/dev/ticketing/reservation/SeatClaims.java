package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
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
  private final TransactionOperations<Connection> transactions;
  private final SeatClaimRepository seats;

  public SeatClaims(TransactionOperations<Connection> transactions, SeatClaimRepository seats) {
    this.transactions = transactions;
    this.seats = seats;
  }

  /** Runs {@code claim} in one transaction; a {@link ClaimLost} or lock failure rolls it back. */
  public <T> T inTransaction(long performanceId, List<Long> seatIds, Supplier<T> claim) {
    try {
      return transactions.executeWrite(status -> claim.get());
    } catch (ClaimLost e) {
      throw e.sold().isEmpty()
          ? lost(performanceId, seatIds, seatIds)
          : new SeatsUnavailableException(e.sold(), true);
    } catch (RuntimeException e) {
      if (LockFailures.isLockFailure(e)) {
        throw lost(performanceId, seatIds, seatIds);
      }
      throw e;
    }
  }

  /**
   * The conditional update (all requested seats still AVAILABLE, else none), then {@code inside}.
   */
  public <T> T updateIfAvailable(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    return inTransaction(
        performanceId,
        seatIds,
        () -> {
          if (seats.reserveIfAvailable(performanceId, seatIds) != seatIds.size()) {
            throw new ClaimLost(List.of());
          }
          return inside.get();
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
