package dev.ticketing.queue;

/**
 * The seats of a performance that admission is sized by: {@code available} now, and {@code held}
 * (in a buyer's hold that may yet expire or be released, so they could come back). Nothing is left
 * to sell when both are 0.
 */
public record SeatStock(long available, long held) {
  public SeatStock {
    if (available < 0 || held < 0) {
      throw new IllegalArgumentException("seat counts are never negative");
    }
  }

  public boolean soldOut() {
    return available == 0 && held == 0;
  }
}
