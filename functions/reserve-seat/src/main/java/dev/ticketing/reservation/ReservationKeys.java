package dev.ticketing.reservation;

import dev.ticketing.redis.PerformanceKeys;

/**
 * The Redis keys the reserve-seat function owns for one performance, under the performance's hash
 * tag: the per-seat locks of the Redis strategies (with the channel a lock's release is announced
 * on) and best available's candidate blocks and picks. The live map's keys are {@code SeatMapKeys},
 * the sessions' {@code PerformanceKeys}.
 */
public record ReservationKeys(long performanceId) {

  public static ReservationKeys of(long performanceId) {
    return new ReservationKeys(performanceId);
  }

  /** The lock of one seat: its owner's token, with the lease as its expiry. */
  public String seatLock(long seatId) {
    return PerformanceKeys.of(performanceId).prefix() + "seat-lock:" + seatId;
  }

  /** Best available's picks: seat id → end of the pick's lease, epoch ms (hash). */
  public String picks() {
    return PerformanceKeys.of(performanceId).prefix() + "seats:picks";
  }

  /**
   * Best available's candidate blocks of {@code count} seats (of {@code grade}, or of any grade
   * when null), best first: a list, its header first (store-blocks.lua).
   */
  public String blocks(int count, String grade) {
    return PerformanceKeys.of(performanceId).prefix()
        + "seats:blocks:"
        + count
        + (grade == null ? "" : ":" + grade);
  }

  /**
   * Where best available's next pick of those blocks may start reading them: {@code "<logStart>
   * <version> <index>"} (pick-block.lua), kept beside the blocks and dropped with them.
   */
  public String blocksFrom(int count, String grade) {
    return PerformanceKeys.of(performanceId).prefix()
        + "seats:blocks-from:"
        + count
        + (grade == null ? "" : ":" + grade);
  }

  /** The channel a seat lock's release is announced on. */
  public String released(long seatId) {
    return seatLock(seatId) + ":released";
  }
}
