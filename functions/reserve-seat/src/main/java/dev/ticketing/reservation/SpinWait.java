package dev.ticketing.reservation;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Retries {@code SET NX} with a jittered exponential backoff (1 ms doubling to 16 ms). */
final class SpinWait implements LockWait {
  static final long FIRST_BACKOFF_MICROS = 1_000;
  static final long MAX_BACKOFF_MICROS = 16_000;

  private final RedisSeatLocks locks;

  SpinWait(RedisSeatLocks locks) {
    this.locks = locks;
  }

  @Override
  public boolean acquire(long performanceId, long seatId, String owner, long deadlineNanos)
      throws InterruptedException {
    long backoff = FIRST_BACKOFF_MICROS;
    while (!locks.tryAcquire(performanceId, seatId, owner)) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MICROSECONDS.toNanos(jittered)));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MICROS);
    }
    return true;
  }

  @Override
  public boolean announcesReleases() {
    return false;
  }
}
