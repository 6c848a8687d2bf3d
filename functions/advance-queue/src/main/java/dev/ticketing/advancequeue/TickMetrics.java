package dev.ticketing.advancequeue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.metrics.EmfLine;
import dev.ticketing.metrics.MetricGroup;
import dev.ticketing.metrics.MetricsOut;
import dev.ticketing.queue.TickResult;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * One {@link MetricGroup#QUEUE_TICK} line per tick that found an open sale: the tickets it called
 * and those still waiting, over all open queues.
 */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class TickMetrics {
  private static final EmfLine LINE = EmfLine.of(MetricGroup.QUEUE_TICK, Map.of());

  private final MetricsOut out;

  public TickMetrics(MetricsOut out) {
    this.out = out;
  }

  public void ticked(List<TickResult> queues) {
    if (queues.isEmpty()) {
      return;
    }
    long called = 0;
    long waiting = 0;
    for (TickResult queue : queues) {
      called += queue.called();
      waiting += queue.waiting();
    }
    out.write(LINE, called, waiting);
  }
}
