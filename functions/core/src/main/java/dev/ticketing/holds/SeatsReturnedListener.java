package dev.ticketing.holds;

import java.util.List;

/**
 * Told after seats of an ended hold are AVAILABLE again in MySQL (and, best effort, on the live
 * map): the hook for whatever depends on seats coming back, such as a sale marked sold out. Called
 * once per ended hold, by the request or sweep that ended it, after its commit; a listener must not
 * throw (what it throws is logged and ignored: the seats are back whatever it does).
 */
public interface SeatsReturnedListener {
  void seatsReturned(long performanceId, List<Long> seatIds, HoldEnd how);
}
