package dev.ticketing.reserveseat;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.metrics.EmfLine;
import dev.ticketing.metrics.MetricGroup;
import dev.ticketing.metrics.MetricsOut;
import dev.ticketing.settings.Settings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;

/** One {@link MetricGroup#RESERVATION_ATTEMPT} line per reservation made or lost. */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReservationMetrics {
  private final MetricsOut out;
  private final EmfLine line;

  public ReservationMetrics(MetricsOut out, Settings settings) {
    this.out = out;
    this.line =
        EmfLine.of(
            MetricGroup.RESERVATION_ATTEMPT,
            Map.of(MetricGroup.LOCK_STRATEGY, settings.seats().lockStrategy().id()));
  }

  public void reserved() {
    out.write(line, 1, 0);
  }

  public void lost() {
    out.write(line, 0, 1);
  }
}
