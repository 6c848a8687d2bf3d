package dev.ticketing.seats;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** What never changes about a seat once its performance exists: where it is and what it costs. */
@Introspected
@Serdeable
public record SeatInfo(
    long id, String zone, String row, int number, String grade, BigDecimal price) {}
