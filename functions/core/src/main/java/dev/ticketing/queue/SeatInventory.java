package dev.ticketing.queue;

import jakarta.inject.Singleton;

/**
 * What is left to sell of a performance, from MySQL (the truth): the seats available, and those
 * held that could come back (a hold that lapses or is released). A seat that comes back is simply
 * available again at the next count.
 */
@Singleton
public class SeatInventory {
  private final SeatStockRepository seats;

  public SeatInventory(SeatStockRepository seats) {
    this.seats = seats;
  }

  public SeatStock count(long performanceId) {
    return new SeatStock(seats.countAvailable(performanceId), seats.countHeld(performanceId));
  }
}
