package dev.ticketing.advancequeue;

import dev.ticketing.catalog.Catalog;
import dev.ticketing.catalog.PerformanceSummary;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** One invocation of the advancer: finds the performances whose sale is open. */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class AdvanceQueueJob {
  private final Catalog catalog;
  private final Clock clock;

  public AdvanceQueueJob(Catalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  public AdvanceReport run() {
    Instant now = clock.instant();
    return new AdvanceReport(
        catalog.list().stream()
            .filter(p -> !now.isBefore(p.saleOpensAt()) && now.isBefore(p.saleClosesAt()))
            .map(PerformanceSummary::id)
            .toList());
  }
}
