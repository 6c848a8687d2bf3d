package dev.ticketing.seats;

import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.PerformanceRepository;
import dev.ticketing.catalog.SeatStatus;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the live seat map from MySQL, the source of truth, when Redis lost it (flush, failover,
 * eviction, expiry) or never had it, or when the advancer finds it behind or ahead of MySQL's count
 * of seat changes. Its keys expire a day after the sale closes.
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

  /** Replaces the map by MySQL's state when it is not whole or behind MySQL. */
  public Rebuilt rebuild(long performanceId) {
    return rebuild(performanceId, false);
  }

  /**
   * Replaces the map by MySQL's state when it is not whole or behind MySQL, or always when {@code
   * force} (a map ahead of MySQL: marks applied out of order).
   */
  public Rebuilt rebuild(long performanceId, boolean force) {
    Performance performance =
        performances
            .findById(performanceId)
            .orElseThrow(
                () -> ApiException.notFound("There is no performance " + performanceId + "."));
    List<SeatInfo> layout = seats.findLayout(performanceId);
    SeatSnapshot snapshot = snapshot(seats.findStates(performanceId));
    Instant now = clock.instant();
    Instant closes = performance.saleClosesAt().isAfter(now) ? performance.saleClosesAt() : now;
    SeatMapRead.Full map =
        store.rebuild(
            performanceId,
            write(layout),
            closes.plus(KEPT_AFTER_SALE).toEpochMilli(),
            snapshot,
            force);
    return new Rebuilt(SeatLayout.of(layout), map);
  }

  private static SeatSnapshot snapshot(List<SeatVersion> states) {
    long version = 0;
    List<Long> reserved = new ArrayList<>();
    List<Long> held = new ArrayList<>();
    for (SeatVersion seat : states) {
      version += seat.version();
      if (seat.status() == SeatStatus.RESERVED) {
        reserved.add(seat.id());
      } else if (seat.status() == SeatStatus.HELD) {
        held.add(seat.id());
      }
    }
    return new SeatSnapshot(version, reserved, held);
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
