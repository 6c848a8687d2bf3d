package dev.ticketing.seats;

import dev.ticketing.catalog.SeatStatus;
import io.micronaut.serde.annotation.Serdeable;

/** A seat whose status changed after the version a poller knew. */
@Serdeable
public record SeatChange(long id, SeatStatus status) {}
