package dev.ticketing.metrics;

import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Writes EMF lines to standard output, which Lambda sends to the function's log group, where
 * CloudWatch turns them into metrics. The stream is looked up per line, not kept: it is whatever
 * the runtime (or a test) has set.
 */
@Singleton
public class MetricsOut {
  private final Clock clock;

  public MetricsOut(Clock clock) {
    this.clock = clock;
  }

  public void write(EmfLine line, long value) {
    System.out.println(line.format(clock.millis(), value));
  }

  public void write(EmfLine line, long first, long second) {
    System.out.println(line.format(clock.millis(), first, second));
  }
}
