package dev.ticketing.catalog;

import io.micronaut.core.annotation.Introspected;
import java.math.BigDecimal;

/** How many seats (and how many still available) a zone has in one price grade. */
@Introspected
public record ZoneGradeCount(
    String zone, String grade, BigDecimal price, long seatCount, long availableCount) {}
