package dev.ticketing.advancequeue;

import dev.ticketing.error.StoreOutage;
import dev.ticketing.figures.MinuteCounters;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.operations.AdvancerHeartbeat;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.SeatInventory;
import dev.ticketing.queue.SeatStock;
import dev.ticketing.queue.TickResult;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick: for every performance whose sale is open now, settles the reservations whose Redis step
 * never ran (which may end sessions and so free slots), sweeps its expired holds, counts the seats
 * left (MySQL), then advances its queue within what is left.
 */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class AdvanceQueueJob {
  private static final Logger LOG = LoggerFactory.getLogger(AdvanceQueueJob.class);

  private final SaleWindows sales;
  private final QueueAdvancer advancer;
  private final UnsettledReservations unsettled;
  private final HoldSweep sweep;
  private final Clock clock;
  private final AdvancerHeartbeat heartbeat;
  private final QueueRules rules;
  private final TickMetrics metrics;
  private final SeatInventory inventory;
  private final MinuteCounters figures;

  public AdvanceQueueJob(
      SaleWindows sales,
      QueueAdvancer advancer,
      UnsettledReservations unsettled,
      HoldSweep sweep,
      Clock clock,
      AdvancerHeartbeat heartbeat,
      QueueRules rules,
      TickMetrics metrics,
      SeatInventory inventory,
      MinuteCounters figures) {
    this.inventory = inventory;
    this.figures = figures;
    this.sales = sales;
    this.advancer = advancer;
    this.unsettled = unsettled;
    this.sweep = sweep;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.rules = rules;
    this.metrics = metrics;
  }

  /** True when no sale is open at any moment until {@code until}: nothing to tick till then. */
  public boolean idleUntil(Instant until) {
    return !sales.anyOnSaleBetween(clock.instant(), until);
  }

  /**
   * A store outage skips what it reaches (the open sales, one queue) and the next tick tries again:
   * it never ends the invocation, whose remaining ticks of the minute would be lost on AWS.
   */
  public List<TickResult> tick() {
    Instant now = clock.instant();
    try {
      // Tells the operator's commands which QUEUE_CAPACITY the queues run with.
      heartbeat.beat(now, rules.defaultCapacity());
    } catch (RuntimeException e) {
      LOG.warn("could not record the advancer's heartbeat: {}", e.toString());
    }
    List<TickResult> results = new ArrayList<>();
    List<SaleWindow> open;
    try {
      open = sales.onSale(now);
    } catch (RuntimeException e) {
      if (!StoreOutage.causedBy(e)) {
        throw e;
      }
      LOG.warn("tick skipped: the open sales could not be read ({})", e.toString());
      return results;
    }
    for (SaleWindow sale : open) {
      try {
        unsettled.followUp(sale.performanceId(), now);
      } catch (RuntimeException e) {
        failed("following up the reservations", sale, e);
      }
      sweep.sweep(sale.performanceId(), now);
      SeatStock stock;
      try {
        stock = inventory.count(sale.performanceId());
      } catch (RuntimeException e) {
        // Without the count nobody is called (the room may not exceed what is left); next tick.
        failed("counting the seats left", sale, e);
        continue;
      }
      try {
        TickResult r = advancer.advance(sale, now, stock);
        results.add(r);
        // The console's admissions and waiting per minute (best effort: never fails the tick).
        figures.ticked(sale.performanceId(), r.called(), r.waiting());
        if (r.called() + r.lapsedCalls() + r.abandoned() + r.expiredSessions() > 0) {
          LOG.info("{}", r);
        }
      } catch (RuntimeException e) {
        // One queue's failure (e.g. a Redis timeout) must not stop the others; the next tick
        // retries.
        failed("advancing the queue", sale, e);
      }
    }
    metrics.ticked(results);
    return results;
  }

  /** A store outage is expected now and then (a warning); anything else is a bug (an error). */
  private static void failed(String what, SaleWindow sale, RuntimeException e) {
    if (StoreOutage.causedBy(e)) {
      LOG.warn("{} of performance {} failed: {}", what, sale.performanceId(), e.toString());
    } else {
      LOG.error("{} of performance {} failed", what, sale.performanceId(), e);
    }
  }
}
