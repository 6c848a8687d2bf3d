package dev.ticketing.admin;

import dev.ticketing.error.ApiException;
import dev.ticketing.operations.AdvancerHeartbeat;
import dev.ticketing.queue.QueueControl;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.QueueState;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A performance's queue as the operator needs it, with the capacity the queue really runs with and
 * where it comes from: the operator's {@code set-capacity} when one was made, else the {@code
 * QUEUE_CAPACITY} the running advancer reported at its last tick ({@link AdvancerHeartbeat}), and
 * only when no advancer has reported, this command's own {@code QUEUE_CAPACITY} (said so).
 */
final class QueueStatus {
  private QueueStatus() {}

  enum CapacitySource {
    OPERATOR("set by an operator (set-capacity)"),
    ADVANCER("QUEUE_CAPACITY of the running advancer"),
    THIS_COMMAND(
        "QUEUE_CAPACITY of this command's environment: no advancer reported in the last hour");

    final String text;

    CapacitySource(String text) {
      this.text = text;
    }
  }

  @Serdeable
  record Report(
      long performanceId,
      long waiting,
      long called,
      long active,
      long capacity,
      CapacitySource capacitySource,
      @Nullable Integer advancerQueueCapacity,
      @Nullable Long advancerLastTickSecondsAgo,
      double admittedPerMinute,
      long ticketsIssued,
      String sale,
      @Nullable Long seatsAvailable,
      @Nullable Long seatsHeld) {

    String text() {
      String source = capacitySource.text;
      if (capacitySource == CapacitySource.OPERATOR && advancerQueueCapacity != null) {
        source += "; the advancer's QUEUE_CAPACITY is " + advancerQueueCapacity;
      }
      if (advancerLastTickSecondsAgo != null) {
        source += "; last tick " + advancerLastTickSecondsAgo + " s ago";
      }
      return String.format(
              Locale.ROOT,
              "performance %d: %d waiting, %d called, %d active, capacity %d (%s), %.1f admitted per"
                  + " minute, %d tickets issued",
              performanceId,
              waiting,
              called,
              active,
              capacity,
              source,
              admittedPerMinute,
              ticketsIssued)
          + "; sale "
          + sale
          + (seatsAvailable == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  ", %d seats available and %d held at the last tick",
                  seatsAvailable,
                  seatsHeld));
    }
  }

  static Report read(ApplicationContext ctx, long performanceId, Instant now) {
    requireSale(ctx, performanceId, now);
    QueueState s = ctx.getBean(QueueControl.class).state(performanceId, now);
    Optional<AdvancerHeartbeat.Beat> beat = ctx.getBean(AdvancerHeartbeat.class).last();
    long capacity;
    CapacitySource source;
    if (s.capacityOverridden()) {
      capacity = s.capacity();
      source = CapacitySource.OPERATOR;
    } else if (beat.isPresent()) {
      capacity = beat.get().queueCapacity();
      source = CapacitySource.ADVANCER;
    } else {
      capacity = ctx.getBean(QueueRules.class).defaultCapacity();
      source = CapacitySource.THIS_COMMAND;
    }
    return new Report(
        s.performanceId(),
        s.waiting(),
        s.called(),
        s.active(),
        capacity,
        source,
        beat.map(AdvancerHeartbeat.Beat::queueCapacity).orElse(null),
        beat.map(b -> Math.max(0, Duration.between(b.at(), now).toSeconds())).orElse(null),
        s.admittedPerMinute(),
        s.ticketsIssued(),
        s.paused() ? "PAUSED" : s.soldOut() ? "SOLD_OUT" : "running",
        s.seatsAvailable(),
        s.seatsHeld());
  }

  static SaleWindow requireSale(ApplicationContext ctx, long performanceId, Instant now) {
    try {
      return ctx.getBean(SaleWindows.class).require(performanceId, now);
    } catch (ApiException e) {
      throw new AdminException(e.getMessage());
    }
  }
}
