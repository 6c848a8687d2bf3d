package dev.ticketing.queue;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A performance's queue as an operator sees it, with the sale's state and the seats the advancer
 * counted at its last tick ({@code seatsAvailable}, {@code seatsHeld}: null before the first).
 */
@Serdeable
public record QueueState(
    long performanceId,
    long waiting,
    long called,
    long active,
    long capacity,
    boolean capacityOverridden,
    double admittedPerMinute,
    long ticketsIssued,
    boolean paused,
    boolean soldOut,
    Long seatsAvailable,
    Long seatsHeld) {}
