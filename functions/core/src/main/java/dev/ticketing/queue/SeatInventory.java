package dev.ticketing.queue;

import jakarta.inject.Singleton;

/**
 * What is left to sell of a performance, from MySQL (the truth): the seats available, and those
 * held that could come back ({@link HeldSeats}). A seat that comes back (a hold that lapses, an
 * operator's release) is simply available again at the next count.
 */
@Singleton
public class SeatInventory {
  private final SeatStockRepository seats;
  private final HeldSeats held;

  public SeatInventory(SeatStockRepository seats, HeldSeats held) {
    this.seats = seats;
    this.held = held;
  }

  public SeatStock count(long performanceId) {
    return new SeatStock(seats.countAvailable(performanceId), held.count(performanceId));
  }
}
