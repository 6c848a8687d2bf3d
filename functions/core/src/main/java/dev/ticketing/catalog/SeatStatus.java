package dev.ticketing.catalog;

/**
 * A seat's status, as stored in {@code seats.status} and shown on the live map: AVAILABLE, HELD (in
 * a hold that is being checked out) or RESERVED (in a confirmed reservation).
 */
public enum SeatStatus {
  AVAILABLE,
  HELD,
  RESERVED;

  /** The letter the live map's log writes ({@code seats/mark.lua}). */
  public String letter() {
    return name().substring(0, 1);
  }

  public static SeatStatus ofLetter(String letter) {
    return switch (letter) {
      case "A" -> AVAILABLE;
      case "H" -> HELD;
      case "R" -> RESERVED;
      default -> throw new IllegalArgumentException("no seat status " + letter);
    };
  }
}
