package dev.ticketing.metrics;

/**
 * One metric of a {@link MetricGroup}: its CloudWatch name and the statistic that sums it up over a
 * period (counts add up; a gauge shows its peak). All are counts.
 */
public enum ServiceMetric {
  /** New queue tickets (201 from the ticket counter). */
  TICKETS_ISSUED("TicketsIssued", MetricGroup.TICKET_ISSUED, Statistic.SUM),
  /** Tickets the advancer called (let in to claim a session) in one tick, over all open queues. */
  ADMISSIONS("Admissions", MetricGroup.QUEUE_TICK, Statistic.SUM),
  /** Tickets waiting in the open queues after the tick. */
  QUEUE_DEPTH("QueueDepth", MetricGroup.QUEUE_TICK, Statistic.MAXIMUM),
  /** Reservations made (201; a replay of one made before is not counted again). */
  RESERVATIONS("Reservations", MetricGroup.RESERVATION_ATTEMPT, Statistic.SUM),
  /** Reservation requests that lost their seats to someone else (409 seat_unavailable). */
  RESERVATION_CONFLICTS("ReservationConflicts", MetricGroup.RESERVATION_ATTEMPT, Statistic.SUM);

  /** The EMF unit of every metric here. */
  public static final String UNIT = "Count";

  /** CloudWatch statistics, by their names. */
  public enum Statistic {
    SUM("Sum"),
    MAXIMUM("Maximum");

    private final String cloudWatchName;

    Statistic(String cloudWatchName) {
      this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
      return cloudWatchName;
    }
  }

  private final String metricName;
  private final MetricGroup group;
  private final Statistic statistic;

  ServiceMetric(String metricName, MetricGroup group, Statistic statistic) {
    this.metricName = metricName;
    this.group = group;
    this.statistic = statistic;
  }

  /** The CloudWatch metric name. */
  public String metricName() {
    return metricName;
  }

  public MetricGroup group() {
    return group;
  }

  public Statistic statistic() {
    return statistic;
  }
}
