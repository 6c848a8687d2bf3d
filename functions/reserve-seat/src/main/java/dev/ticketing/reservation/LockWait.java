package dev.ticketing.reservation;

/** How a Redis lock strategy waits for a seat lock someone else holds. */
interface LockWait {
  /** Takes the seat's lock for {@code owner}, waiting until {@code deadlineNanos} at most. */
  boolean acquire(long performanceId, long seatId, String owner, long deadlineNanos)
      throws InterruptedException;

  /** Whether releases must be announced (someone may be asleep waiting for them). */
  boolean announcesReleases();
}
