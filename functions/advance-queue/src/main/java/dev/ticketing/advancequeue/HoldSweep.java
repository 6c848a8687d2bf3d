package dev.ticketing.advancequeue;

import dev.ticketing.error.StoreOutage;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.holds.HoldEndings;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every second of an open sale: ends the holds past their expiry (their seats AVAILABLE in MySQL,
 * then on the live map) and checks the live map against MySQL's count of seat changes, replacing it
 * when it missed one. So a hold's seats are back for everyone within a second or two of its expiry,
 * and a change whose Redis step never ran (a release, a confirmation, a hold whose function died)
 * is on the map within a second (docs/seats.md, "Holds").
 */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class HoldSweep {
  /** Between sweeps: expired seats must be back on everyone's map within 2 s. */
  public static final Duration EVERY = Duration.ofSeconds(1);

  /** The scheduled event's detail type that asks for a sweep only (the local gateway's timer). */
  public static final String DETAIL_TYPE = "hold-sweep";

  /** Holds ended per performance and sweep at most (the rest at the next sweep). */
  static final int HOLDS_PER_SWEEP = 500;

  private static final Logger LOG = LoggerFactory.getLogger(HoldSweep.class);

  private final SaleWindows sales;
  private final HoldEndings endings;
  private final UnsettledReservations unsettled;
  private final Clock clock;

  public HoldSweep(
      SaleWindows sales, HoldEndings endings, UnsettledReservations unsettled, Clock clock) {
    this.sales = sales;
    this.endings = endings;
    this.unsettled = unsettled;
    this.clock = clock;
  }

  /** One sweep of every open sale; how many holds expired. A store outage skips what it reaches. */
  public int sweep() {
    Instant now = clock.instant();
    int expired = 0;
    try {
      for (SaleWindow sale : sales.onSale(now)) {
        expired += sweep(sale.performanceId(), now);
      }
    } catch (RuntimeException e) {
      failed("reading the open sales", e);
    }
    return expired;
  }

  int sweep(long performanceId, Instant now) {
    int expired = 0;
    try {
      expired = endings.expireDue(performanceId, now, HOLDS_PER_SWEEP);
      if (expired > 0) {
        LOG.info("{} hold(s) of performance {} expired", expired, performanceId);
      }
    } catch (RuntimeException e) {
      failed("expiring the holds of performance " + performanceId, e);
    }
    try {
      unsettled.checkMap(performanceId);
    } catch (RuntimeException e) {
      failed("checking the seat map of performance " + performanceId, e);
    }
    return expired;
  }

  private static void failed(String what, RuntimeException e) {
    if (StoreOutage.causedBy(e)) {
      LOG.warn("{} failed: {}", what, e.toString());
    } else {
      LOG.error("{} failed", what, e);
    }
  }
}
