package dev.ticketing.reservation;

import dev.ticketing.catalog.SeatStatus;
import io.micronaut.core.annotation.Introspected;

/** A seat's status and the version that status was read at. */
@Introspected
public record SeatState(long id, SeatStatus status, long version) {
  public boolean available() {
    return status == SeatStatus.AVAILABLE;
  }
}
