package dev.ticketing.reservation;

import java.util.List;

/**
 * Thrown inside a claim's transaction to roll it back because a seat was not available: {@code
 * sold} names the seats seen RESERVED, or is empty when the statement could not tell which.
 */
final class ClaimLost extends RuntimeException {
  private final List<Long> sold;

  ClaimLost(List<Long> sold) {
    super("claim lost", null, false, false);
    this.sold = List.copyOf(sold);
  }

  List<Long> sold() {
    return sold;
  }
}
