package dev.ticketing.testing;

import dev.ticketing.catalog.LayoutFile;
import dev.ticketing.catalog.LayoutImporter;
import dev.ticketing.catalog.Performance;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates a fresh performance of its own for a test, so tests never share seats or queues. */
public final class TestPerformances {
  private TestPerformances() {}

  /**
   * {@code rows} rows of {@code seatsPerRow} seats in one zone, grade "R" at 100.00, sale open both
   * by the wall clock and by the context's clock (a test's {@link ManualClock} stays at the instant
   * it was started or set, which on a busy machine can be seconds behind the wall clock).
   */
  public static Performance create(ApplicationContext ctx, int rows, int seatsPerRow) {
    Instant wall = Instant.now();
    Instant context = ctx.findBean(Clock.class).map(Clock::instant).orElse(wall);
    Instant earlier = context.isBefore(wall) ? context : wall;
    Instant later = context.isBefore(wall) ? wall : context;
    return create(ctx, rows, seatsPerRow, earlier.minusSeconds(1), later.plus(Duration.ofDays(1)));
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
