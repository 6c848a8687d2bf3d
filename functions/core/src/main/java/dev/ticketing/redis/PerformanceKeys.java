package dev.ticketing.redis;

/**
 * The one place that shapes a performance's Redis keys: every key of performance {@code P} starts
 * with the hash tag {@code {pP}:}, so all of them live in one Redis Cluster slot and every script
 * can touch any of them. Each feature builds its own keys from {@link #prefix()} ({@code
 * QueueKeys}, {@code SeatMapKeys}, the reservation function's {@code ReservationKeys}); the set of
 * active sessions is shared by the queue (which opens them) and the seat routes (which check and
 * end them), so it is named here.
 */
public record PerformanceKeys(long performanceId) {

  public static PerformanceKeys of(long performanceId) {
    return new PerformanceKeys(performanceId);
  }

  public String prefix() {
    return "{p" + performanceId + "}:";
  }

  /** Sorted set of active ticketing sessions by expiry (epoch ms). */
  public String sessions() {
    return prefix() + "sessions";
  }
}
