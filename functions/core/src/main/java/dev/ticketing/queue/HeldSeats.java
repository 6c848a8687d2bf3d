package dev.ticketing.queue;

/**
 * How many seats of a performance are held: taken out of the sale for now, but able to come back (a
 * hold that expires or is released). The waiting room counts them as "could return": while any is
 * held the sale is not sold out. The one place the queue learns about holds.
 */
public interface HeldSeats {
  long count(long performanceId);
}
