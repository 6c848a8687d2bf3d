package dev.ticketing.issueticket;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.metrics.EmfLine;
import dev.ticketing.metrics.MetricGroup;
import dev.ticketing.metrics.MetricsOut;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;

/** One {@link MetricGroup#TICKET_ISSUED} line per new ticket. */
@Singleton
@Requires(env = FunctionEnvironments.ISSUE_TICKET)
public class TicketMetrics {
  private static final EmfLine LINE = EmfLine.of(MetricGroup.TICKET_ISSUED, Map.of());

  private final MetricsOut out;

  public TicketMetrics(MetricsOut out) {
    this.out = out;
  }

  public void issued() {
    out.write(LINE, 1);
  }
}
