package dev.ticketing.reservation;

import java.util.List;
import java.util.function.Supplier;

/**
 * One way to make sure no seat is sold twice ({@code LOCK_STRATEGY}). Every strategy claims all the
 * requested seats or none, runs the caller's work inside the same transaction while the claim
 * holds, and leaves no lock behind on any path (commit, rollback, exception, timeout).
 */
public interface SeatLockStrategy {

  /** The {@code LOCK_STRATEGY} value that selects it. */
  String name();

  /**
   * Claims {@code seatIds} (distinct, ascending, of the performance) and marks them RESERVED, then
   * runs {@code inside} in the same transaction and commits.
   *
   * @throws SeatsUnavailableException naming the seats lost; nothing was changed
   */
  <T> T reserve(long performanceId, List<Long> seatIds, Supplier<T> inside);
}
