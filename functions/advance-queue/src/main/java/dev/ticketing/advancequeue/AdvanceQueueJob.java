package dev.ticketing.advancequeue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.operations.AdvancerHeartbeat;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.TickResult;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One tick: advances the queue of every performance whose sale is open now. */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class AdvanceQueueJob {
  private static final Logger LOG = LoggerFactory.getLogger(AdvanceQueueJob.class);

  private final SaleWindows sales;
  private final QueueAdvancer advancer;
  private final Clock clock;
  private final AdvancerHeartbeat heartbeat;
  private final QueueRules rules;

  public AdvanceQueueJob(
      SaleWindows sales,
      QueueAdvancer advancer,
      Clock clock,
      AdvancerHeartbeat heartbeat,
      QueueRules rules) {
    this.sales = sales;
    this.advancer = advancer;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.rules = rules;
  }

  /** True when no sale is open at any moment until {@code until}: nothing to tick till then. */
  public boolean idleUntil(Instant until) {
    return !sales.anyOnSaleBetween(clock.instant(), until);
  }

  public List<TickResult> tick() {
    Instant now = clock.instant();
    try {
      // Tells the operator's commands which QUEUE_CAPACITY the queues run with.
      heartbeat.beat(now, rules.defaultCapacity());
    } catch (RuntimeException e) {
      LOG.warn("could not record the advancer's heartbeat: {}", e.toString());
    }
    List<TickResult> results = new ArrayList<>();
    for (SaleWindow sale : sales.onSale(now)) {
      try {
        TickResult r = advancer.advance(sale, now);
        results.add(r);
        if (r.called() + r.lapsedCalls() + r.abandoned() + r.expiredSessions() > 0) {
          LOG.info("{}", r);
        }
      } catch (RuntimeException e) {
        // One queue's failure (e.g. a Redis timeout) must not stop the others; the next tick
        // retries.
        LOG.error("advancing the queue of performance {} failed", sale.performanceId(), e);
      }
    }
    return results;
  }
}
