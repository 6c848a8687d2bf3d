package dev.ticketing.seats;

import dev.ticketing.redis.PerformanceKeys;

/**
 * The Redis keys of one performance's live seat map. All share the performance's hash tag, so the
 * map's scripts run on one Redis Cluster slot together with the performance's other keys.
 */
public record SeatMapKeys(String layout, String reserved, String log, String meta) {

  public static SeatMapKeys of(long performanceId) {
    String prefix = PerformanceKeys.of(performanceId).prefix() + "seats:";
    return new SeatMapKeys(prefix + "layout", prefix + "reserved", prefix + "log", prefix + "meta");
  }

  public String[] all() {
    return new String[] {layout, reserved, log, meta};
  }

  public String[] changing() {
    return new String[] {reserved, log, meta};
  }
}
