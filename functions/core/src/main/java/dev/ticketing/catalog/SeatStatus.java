package dev.ticketing.catalog;

/** A seat's status, as stored in {@code seats.status} and shown on the live map. */
public enum SeatStatus {
  AVAILABLE,
  RESERVED
}
