package dev.ticketing.seats;

import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.PerformanceRepository;
import dev.ticketing.error.ApiException;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds the live seat map from MySQL, the source of truth, when Redis lost it (flush, failover,
 * eviction, expiry) or never had it, or when the advancer finds it missing seats MySQL reserved.
 * Its keys expire a day after the sale closes.
 */
@Singleton
@Requires(
    env = {
      FunctionEnvironments.LIST_SEATS,
      FunctionEnvironments.RESERVE_SEAT,
      FunctionEnvironments.ADVANCE_QUEUE
    })
public class SeatMapRebuilder {
  static final Duration KEPT_AFTER_SALE = Duration.ofDays(1);
  private static final Argument<List<SeatInfo>> SEAT_LIST = Argument.listOf(SeatInfo.class);

  private final PerformanceRepository performances;
  private final SeatLayoutRepository seats;
  private final SeatMapStore store;
  private final JsonMapper json;
  private final Clock clock;

  public SeatMapRebuilder(
      PerformanceRepository performances,
      SeatLayoutRepository seats,
      SeatMapStore store,
      JsonMapper json,
      Clock clock) {
    this.performances = performances;
    this.seats = seats;
    this.store = store;
    this.json = json;
    this.clock = clock;
  }

  public record Rebuilt(SeatLayout layout, SeatMapRead.Full map) {}

  public Rebuilt rebuild(long performanceId) {
    Performance performance =
        performances
            .findById(performanceId)
            .orElseThrow(
                () -> ApiException.notFound("There is no performance " + performanceId + "."));
    List<SeatInfo> layout = seats.findLayout(performanceId);
    List<Long> reserved = seats.findReservedIds(performanceId);
    Instant now = clock.instant();
    Instant closes = performance.saleClosesAt().isAfter(now) ? performance.saleClosesAt() : now;
    SeatMapRead.Full map =
        store.rebuild(
            performanceId, write(layout), closes.plus(KEPT_AFTER_SALE).toEpochMilli(), reserved);
    return new Rebuilt(SeatLayout.of(layout), map);
  }

  SeatLayout parse(String layoutJson) {
    try {
      return SeatLayout.of(json.readValue(layoutJson, SEAT_LIST));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(List<SeatInfo> layout) {
    try {
      return json.writeValueAsString(layout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
