package dev.ticketing.metrics;

import dev.ticketing.routes.Function;
import java.util.Arrays;
import java.util.List;

/**
 * The service's own CloudWatch metrics, as the functions publish them and the dashboard reads them:
 * each group is one Embedded Metric Format line, written by one function, whose metrics share the
 * group's dimensions. The one place their namespace, names and dimensions are spelled (the CDK
 * stack builds its graphs from it, the functions their log lines).
 */
public enum MetricGroup {
  /** Per new ticket (a refresh of a live ticket is no new ticket). */
  TICKET_ISSUED(Function.ISSUE_TICKET, List.of()),
  /** Per tick of the advancer, over every open queue. */
  QUEUE_TICK(Function.ADVANCE_QUEUE, List.of()),
  /**
   * Per reservation request that reserved or lost seats, by the lock strategy that decided it
   * (strategies are compared by switching; docs/seats.md).
   */
  RESERVATION_ATTEMPT(Function.RESERVE_SEAT, List.of(MetricGroup.LOCK_STRATEGY));

  public static final String NAMESPACE = "Ticketing";

  /** Dimension: the {@code LOCK_STRATEGY} setting value. */
  public static final String LOCK_STRATEGY = "LockStrategy";

  private final Function publisher;
  private final List<String> dimensions;

  MetricGroup(Function publisher, List<String> dimensions) {
    this.publisher = publisher;
    this.dimensions = dimensions;
  }

  /** The function that writes the line. */
  public Function publisher() {
    return publisher;
  }

  /** The dimension keys, in order; none for a service-wide figure. */
  public List<String> dimensions() {
    return dimensions;
  }

  /** The group's metrics, in the order the line carries them. */
  public List<ServiceMetric> metrics() {
    return Arrays.stream(ServiceMetric.values()).filter(m -> m.group() == this).toList();
  }
}
