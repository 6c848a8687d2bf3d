package dev.ticketing.catalog;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A performance with its zones and price grades, for the performance page. */
@Serdeable
public record PerformanceDetails(
    long id,
    String name,
    String venue,
    Instant startsAt,
    Instant saleOpensAt,
    Instant saleClosesAt,
    long seatCount,
    long availableCount,
    List<Zone> zones,
    List<Grade> grades) {

  @Serdeable
  public record Zone(String name, long seatCount, long availableCount, List<String> grades) {}

  @Serdeable
  public record Grade(String name, BigDecimal price, long seatCount, long availableCount) {}
}
