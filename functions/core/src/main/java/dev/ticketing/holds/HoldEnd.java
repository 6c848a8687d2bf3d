package dev.ticketing.holds;

/** How a hold ended without being confirmed. */
public enum HoldEnd {
  /** The buyer let it go ({@code DELETE .../reservations/{rid}}). */
  RELEASED,
  /** {@code HOLD_TTL_SECONDS} passed without a confirmation (the advancer's sweep). */
  EXPIRED
}
