package dev.ticketing.bench;

import dev.ticketing.catalog.LayoutFile;
import dev.ticketing.catalog.LayoutImporter;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A performance for a benchmark: one zone of one grade, its sale open from now for a day. */
public final class BenchPerformances {
  private BenchPerformances() {}

  /** Creates it in the database of {@code settings}; its id. */
  public static long create(Settings settings, String name, int rows, int seatsPerRow) {
    try (ApplicationContext ctx = FunctionContexts.start(FunctionEnvironments.ADMIN, settings)) {
      Instant now = Instant.now();
      LayoutFile layout =
          new LayoutFile(
              name + " " + now,
              "Bench Hall",
              now.plus(Duration.ofDays(30)),
              now.minusSeconds(1),
              now.plus(Duration.ofDays(1)),
              List.of(new LayoutFile.Grade("R", new BigDecimal("50.00"))),
              List.of(
                  new LayoutFile.Zone(
                      "Main", rows, seatsPerRow, List.of(new LayoutFile.RowGrade(1, rows, "R")))));
      return ctx.getBean(LayoutImporter.class).create(layout, now).id();
    }
  }
}
