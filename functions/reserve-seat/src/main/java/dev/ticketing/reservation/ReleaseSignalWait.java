package dev.ticketing.reservation;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sleeps on the seat lock's release channel until a release is announced or the budget ends; no
 * busy waiting. An owner that crashed announces nothing, so the sleep also ends when its lease
 * does.
 */
final class ReleaseSignalWait implements LockWait {
  private final RedisSeatLocks locks;
  private final ReleaseSignals signals;

  ReleaseSignalWait(RedisSeatLocks locks, ReleaseSignals signals) {
    this.locks = locks;
    this.signals = signals;
  }

  @Override
  public boolean acquire(long performanceId, long seatId, String owner, long deadlineNanos)
      throws InterruptedException {
    if (locks.tryAcquire(performanceId, seatId, owner)) {
      return true;
    }
    try (ReleaseSignals.Subscription channel =
        signals.join(ReservationKeys.of(performanceId).released(seatId))) {
      while (true) {
        var release = channel.nextRelease();
        if (locks.tryAcquire(performanceId, seatId, owner)) {
          return true;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        long lease = locks.remainingLeaseMillis(performanceId, seatId);
        if (lease == -2) {
          continue;
        }
        long sleep = lease >= 0 ? Math.min(left, TimeUnit.MILLISECONDS.toNanos(lease + 1)) : left;
        try {
          release.get(sleep, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // the budget or the owner's lease ran out: try once more, then give up if over budget
        } catch (ExecutionException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Override
  public boolean announcesReleases() {
    return true;
  }
}
