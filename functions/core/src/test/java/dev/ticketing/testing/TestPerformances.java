package dev.ticketing.testing;

import dev.ticketing.catalog.LayoutFile;
import dev.ticketing.catalog.LayoutImporter;
import dev.ticketing.catalog.Performance;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates a fresh performance of its own for a test, so tests never share seats or queues. */
public final class TestPerformances {
  private TestPerformances() {}

  /** {@code rows} rows of {@code seatsPerRow} seats in one zone, grade "R" at 100.00, sale open. */
  public static Performance create(ApplicationContext ctx, int rows, int seatsPerRow) {
    Instant now = Instant.now();
    return create(ctx, rows, seatsPerRow, now.minusSeconds(1), now.plus(Duration.ofDays(1)));
  }

  public static Performance create(
      ApplicationContext ctx,
      int rows,
      int seatsPerRow,
      Instant saleOpensAt,
      Instant saleClosesAt) {
    LayoutFile layout =
        new LayoutFile(
            "Test " + UUID.randomUUID(),
            "Test Hall",
            saleClosesAt.plus(Duration.ofHours(1)),
            saleOpensAt,
            saleClosesAt,
            List.of(new LayoutFile.Grade("R", new BigDecimal("100.00"))),
            List.of(
                new LayoutFile.Zone(
                    "Main", rows, seatsPerRow, List.of(new LayoutFile.RowGrade(1, rows, "R")))));
    return ctx.getBean(LayoutImporter.class).create(layout, Instant.now());
  }
}
