package dev.ticketing.reservation;

/**
 * One way to make sure no seat is sold twice ({@code LOCK_STRATEGY}). Every strategy claims all the
 * requested seats or none, writes the reservation in the same transaction while the claim holds,
 * and leaves no lock behind on any path (commit, rollback, exception, timeout).
 */
public interface SeatLockStrategy {

  /** The {@code LOCK_STRATEGY} value that selects it. */
  String name();

  /**
   * Claims the reservation's seats and marks them HELD, writes the reservation in the same
   * transaction and commits.
   *
   * @throws SeatsUnavailableException naming the seats lost; nothing was changed
   */
  Reservation reserve(NewReservation reservation);
}
