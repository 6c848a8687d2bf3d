package dev.ticketing.reservation;

/** A reservation's status, as stored in {@code reservations.status} (V4). */
public enum ReservationStatus {
  /** Its seats are kept for the buyer until {@code expires_at}, to confirm or release. */
  HELD,
  /** Confirmed with the buyer's name and e-mail: its seats are RESERVED, its tickets issued. */
  CONFIRMED,
  /** Released by its buyer: its seats went back to everyone. */
  RELEASED,
  /** Not confirmed in time: the advancer's sweep gave its seats back to everyone. */
  EXPIRED
}
