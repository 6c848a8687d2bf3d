package dev.ticketing.seats;

import dev.ticketing.redis.PerformanceKeys;

/**
 * The Redis keys of one performance's live seat map. All share the performance's hash tag, so the
 * map's scripts run on one Redis Cluster slot together with the performance's other keys.
 */
public record SeatMapKeys(String layout, String reserved, String held, String log, String meta) {

  public static SeatMapKeys of(long performanceId) {
    String prefix = PerformanceKeys.of(performanceId).prefix() + "seats:";
    return new SeatMapKeys(
        prefix + "layout", prefix + "reserved", prefix + "held", prefix + "log", prefix + "meta");
  }

  public String[] all() {
    return new String[] {layout, reserved, held, log, meta};
  }

  public String[] changing() {
    return new String[] {reserved, held, log, meta};
  }

  /** The changing keys and then {@code more} (e.g. the sessions, for a settlement). */
  public String[] changingAnd(String... more) {
    String[] keys = new String[4 + more.length];
    System.arraycopy(changing(), 0, keys, 0, 4);
    System.arraycopy(more, 0, keys, 4, more.length);
    return keys;
  }
}
