package dev.ticketing.queue;

import dev.ticketing.settings.Settings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/** The waiting room's rules, as configured: capacity, retention, claim window, session length. */
@Singleton
public class QueueRules {
  /** Most tickets one tick drops or calls: keeps every script short, so Redis never stalls. */
  public static final int TICK_BUDGET = 2_000;

  /** Time constant of the admission-rate average: about the last minute counts. */
  public static final Duration RATE_TIME_CONSTANT = Duration.ofSeconds(60);

  /** How long a performance's keys outlive its sale, beyond the longest session. */
  private static final Duration KEY_GRACE = Duration.ofHours(1);

  private final int defaultCapacity;
  private final Duration retention;
  private final Duration claimWindow;
  private final Duration sessionTtl;

  public QueueRules(Settings settings) {
    this(
        settings.queue().capacity(),
        Duration.ofSeconds(settings.queue().retentionSeconds()),
        Duration.ofSeconds(settings.queue().claimWindowSeconds()),
        Duration.ofSeconds(settings.queue().sessionTtlSeconds()));
  }

  public QueueRules(
      int defaultCapacity, Duration retention, Duration claimWindow, Duration sessionTtl) {
    this.defaultCapacity = defaultCapacity;
    this.retention = retention;
    this.claimWindow = claimWindow;
    this.sessionTtl = sessionTtl;
  }

  public int defaultCapacity() {
    return defaultCapacity;
  }

  public Duration retention() {
    return retention;
  }

  public Duration claimWindow() {
    return claimWindow;
  }

  public Duration sessionTtl() {
    return sessionTtl;
  }

  /** When a performance's keys expire: after its sale and any session begun before its end. */
  public Instant keysExpireAt(SaleWindow sale) {
    return sale.closesAt().plus(sessionTtl).plus(KEY_GRACE);
  }
}
