package dev.ticketing.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both Redis strategies do: take the seats' locks in ascending order within a total wait
 * budget, re-check and reserve in one conditional update inside the transaction, commit, and
 * release the locks (owner-checked) on every path.
 */
final class RedisLockedClaim {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLockedClaim.class);

  private final RedisSeatLocks locks;
  private final SeatClaims claims;
  private final long waitBudgetNanos;

  RedisLockedClaim(RedisSeatLocks locks, SeatClaims claims, long waitBudgetMillis) {
    this.locks = locks;
    this.claims = claims;
    this.waitBudgetNanos = TimeUnit.MILLISECONDS.toNanos(waitBudgetMillis);
  }

  <T> T reserve(long performanceId, List<Long> seatIds, Supplier<T> inside, LockWait wait) {
    String owner = locks.newOwner();
    List<Long> held = new ArrayList<>(seatIds.size());
    try {
      long deadline = System.nanoTime() + waitBudgetNanos;
      for (long seatId : seatIds) {
        if (!wait.acquire(performanceId, seatId, owner, deadline)) {
          throw claims.lost(performanceId, seatIds, List.of(seatId));
        }
        held.add(seatId);
      }
      return claims.updateIfAvailable(performanceId, seatIds, inside);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a seat lock", e);
    } finally {
      release(performanceId, held, owner, wait.announcesReleases());
    }
  }

  private void release(long performanceId, List<Long> held, String owner, boolean announce) {
    try {
      locks.release(performanceId, held, owner, announce);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not release seat locks {} of performance {}; their lease ends them",
          held,
          performanceId,
          e);
    }
  }
}
