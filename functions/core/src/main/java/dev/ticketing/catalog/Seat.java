package dev.ticketing.catalog;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One seat of a performance as stored; {@code status} is AVAILABLE or RESERVED. */
@MappedEntity("seats")
public record Seat(
    @Id @GeneratedValue Long id,
    long performanceId,
    String zone,
    String rowLabel,
    int seatNumber,
    long gradeId,
    SeatStatus status,
    long version) {}
