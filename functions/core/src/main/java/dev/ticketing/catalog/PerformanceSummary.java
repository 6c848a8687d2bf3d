package dev.ticketing.catalog;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A line of the performance list. */
@Introspected
@Serdeable
public record PerformanceSummary(
    long id,
    String name,
    String venue,
    Instant startsAt,
    Instant saleOpensAt,
    Instant saleClosesAt,
    long seatCount,
    long availableCount) {}
