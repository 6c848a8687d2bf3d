package dev.ticketing.queue;

import io.micronaut.serde.annotation.Serdeable;

/** A performance's queue as an operator sees it. */
@Serdeable
public record QueueState(
    long performanceId,
    long waiting,
    long called,
    long active,
    long capacity,
    boolean capacityOverridden,
    double admittedPerMinute,
    long ticketsIssued) {}
