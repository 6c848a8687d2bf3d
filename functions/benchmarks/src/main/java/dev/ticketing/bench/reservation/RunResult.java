package dev.ticketing.bench.reservation;

import java.util.Arrays;

/** The measurements of one run of the workload. */
record RunResult(
    String name,
    long reservations,
    long conflicts,
    long errors,
    long seatsSold,
    long doubleBookings,
    double seconds,
    long[] latenciesNanos) {

  double reservationsPerSecond() {
    return reservations / seconds;
  }

  double conflictRate() {
    long requests = reservations + conflicts + errors;
    return requests == 0 ? 0 : (double) conflicts / requests;
  }

  double percentileMillis(double p) {
    long[] sorted = latenciesNanos.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }
}
