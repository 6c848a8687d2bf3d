package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import io.micronaut.core.annotation.Introspected;

/** A seat's status and the version that status was read at. */
@Introspected
public record SeatState(long id, String status, long version) {
  public boolean available() {
    return Seat.AVAILABLE.equals(status);
  }
}
