package dev.ticketing.bench.reservation;

import java.util.List;

/** One buyer's reservation attempt as the benchmark drives it. */
interface Attempt {
  /** Reserves {@code seats}: the result says whether it won and which seats it learned are sold. */
  Result reserve(long performanceId, List<Long> seats);

  record Result(boolean won, List<Long> soldSeats) {}
}
