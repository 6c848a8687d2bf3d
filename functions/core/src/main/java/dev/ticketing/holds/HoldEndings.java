package dev.ticketing.holds;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.seats.SeatMapStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a hold that was not confirmed, released by its buyer or expired, in one transaction: the
 * reservation leaves HELD (one conditional update of its row, so a confirm or another ending racing
 * it loses), its seats become AVAILABLE and leave reservation_seats. Then, after the commit, the
 * seats are marked available on the live map (best effort: the advancer's map check converges it to
 * MySQL) and the {@link SeatsReturnedListener}s are told.
 */
@Singleton
@Requires(env = {FunctionEnvironments.RESERVE_SEAT, FunctionEnvironments.ADVANCE_QUEUE})
public class HoldEndings {
  private static final Logger LOG = LoggerFactory.getLogger(HoldEndings.class);

  private final TransactionOperations<Connection> transactions;
  private final HoldEndRepository holds;
  private final SeatMapStore map;
  private final List<SeatsReturnedListener> listeners;

  public HoldEndings(
      TransactionOperations<Connection> transactions,
      HoldEndRepository holds,
      SeatMapStore map,
      List<SeatsReturnedListener> listeners) {
    this.transactions = transactions;
    this.holds = holds;
    this.map = map;
    this.listeners = listeners;
  }

  /**
   * Ends hold {@code reservationId} as {@code how} at {@code now}; the seats returned, or empty
   * when the hold was no longer HELD (already confirmed or ended) or, for an expiry, not yet
   * expired.
   */
  public Optional<List<Long>> end(
      long performanceId, String reservationId, HoldEnd how, Instant now) {
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    List<Long> seats =
        transactions.executeWrite(
            status -> {
              long ended =
                  how == HoldEnd.RELEASED
                      ? holds.markReleased(reservationId, performanceId, at)
                      : holds.markExpired(reservationId, performanceId, at);
              if (ended == 0) {
                return null;
              }
              List<Long> seatIds = holds.seatsOf(reservationId);
              if (!seatIds.isEmpty()) {
                holds.makeAvailable(performanceId, seatIds);
                holds.deleteSeatsOf(reservationId);
              }
              return seatIds;
            });
    if (seats == null) {
      return Optional.empty();
    }
    returned(performanceId, seats, how);
    return Optional.of(seats);
  }

  /** Ends every hold of the performance past its expiry (at most {@code limit}); how many. */
  public int expireDue(long performanceId, Instant now, int limit) {
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    int expired = 0;
    for (HoldEndRepository.ExpiredHold hold : holds.findExpired(performanceId, at, limit)) {
      if (end(performanceId, hold.id(), HoldEnd.EXPIRED, now).isPresent()) {
        expired++;
      }
    }
    return expired;
  }

  private void returned(long performanceId, List<Long> seats, HoldEnd how) {
    try {
      map.mark(performanceId, SeatMapStore.Mark.AVAILABLE, seats);
    } catch (RuntimeException e) {
      LOG.warn(
          "seats {} of performance {} not shown available on the live map; the advancer's map"
              + " check does it",
          seats,
          performanceId,
          e);
    }
    for (SeatsReturnedListener listener : listeners) {
      try {
        listener.seatsReturned(performanceId, seats, how);
      } catch (RuntimeException e) {
        LOG.error("seats-returned listener {} failed", listener.getClass().getName(), e);
      }
    }
  }
}
