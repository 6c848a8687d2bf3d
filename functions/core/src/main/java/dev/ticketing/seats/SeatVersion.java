package dev.ticketing.seats;

import dev.ticketing.catalog.SeatStatus;
import io.micronaut.core.annotation.Introspected;

/** A seat's status in MySQL and its version (how many status changes it has had). */
@Introspected
public record SeatVersion(long id, SeatStatus status, long version) {}
