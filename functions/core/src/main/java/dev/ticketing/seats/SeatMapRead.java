package dev.ticketing.seats;

import java.util.List;

/** What one read of the live seat map in Redis found. */
public sealed interface SeatMapRead {

  /** The map is missing or not whole: rebuild it from MySQL. */
  record Missing() implements SeatMapRead {}

  /** The caller's version is the current one. */
  record Unchanged(long version) implements SeatMapRead {}

  /** The seat changes after the caller's version, oldest first. */
  record Changes(long version, List<SeatChange> changes) implements SeatMapRead {}

  /**
   * The whole map: every reserved and every held seat, and the layout JSON when it was asked for
   * (else empty).
   */
  record Full(long version, String layoutJson, List<Long> reservedSeatIds, List<Long> heldSeatIds)
      implements SeatMapRead {}
}
