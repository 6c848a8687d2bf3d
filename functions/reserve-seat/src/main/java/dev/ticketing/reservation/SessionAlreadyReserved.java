package dev.ticketing.reservation;

/**
 * A reservation refused because its session already has one, committed: MySQL's {@code
 * uq_reservations_holder} (one session, one reservation) stopped it, or the {@code atomic}
 * procedure named the session's reservation after a loss. Nothing of this attempt was kept.
 */
public final class SessionAlreadyReserved extends RuntimeException {
  public SessionAlreadyReserved() {
    super("the session already has a reservation", null, false, false);
  }
}
