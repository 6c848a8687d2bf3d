package dev.ticketing.queue;

import dev.ticketing.settings.QueueSettings;
import dev.ticketing.settings.Settings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * The waiting room's rules, as configured: capacity, retention, claim window, session length, the
 * cadence's bounds ({@code poll-after.lua} has the formula) and the join limit.
 */
@Singleton
public class QueueRules {
  /** Most tickets one tick calls or lapses: keeps every script short, so Redis never stalls. */
  public static final int TICK_BUDGET = 2_000;

  /**
   * Most lapsed index entries one purge.lua run examines: a few milliseconds of Redis at a million
   * waiting (MillionTicketsBenchmark), well inside the 10 ms a script may hold it on a busy host.
   */
  public static final int PURGE_SLICE = 1_000;

  /** Most purge slices one tick runs, each its own short script: 50,000 tickets a tick. */
  public static final int PURGE_SLICES_PER_TICK = 50;

  /** Time constant of the admission-rate average: about the last minute counts. */
  public static final Duration RATE_TIME_CONSTANT = Duration.ofSeconds(60);

  /**
   * How much earlier than told a waiting holder may poll without a 429: timers, clocks and the
   * network's delays are not exact.
   */
  public static final Duration EARLY_POLL_TOLERANCE = Duration.ofSeconds(1);

  /** How long a performance's keys outlive its sale, beyond the longest session. */
  private static final Duration KEY_GRACE = Duration.ofHours(1);

  private final QueueSettings queue;

  public QueueRules(Settings settings) {
    this.queue = settings.queue();
  }

  public int defaultCapacity() {
    return queue.capacity();
  }

  /**
   * The wait told to a waiting holder: from the measured admission rate, and until one is measured
   * from the configured one (a full room of {@code capacity} sessions turning over once per session
   * length), so that the first answer already carries an estimate.
   */
  public long estimatedWaitSeconds(TicketStatus.Waiting waiting) {
    return waiting
        .estimatedWaitSeconds()
        .orElse(
            (waiting.position() * queue.sessionTtlSeconds() + queue.capacity() - 1)
                / queue.capacity());
  }

  public Duration retention() {
    return Duration.ofSeconds(queue.retentionSeconds());
  }

  public Duration claimWindow() {
    return Duration.ofSeconds(queue.claimWindowSeconds());
  }

  public Duration sessionTtl() {
    return Duration.ofSeconds(queue.sessionTtlSeconds());
  }

  public int pollAfterMinSeconds() {
    return queue.pollAfterMinSeconds();
  }

  public int pollAfterMaxSeconds() {
    return queue.pollAfterMaxSeconds();
  }

  public int pollBudgetPerSecond() {
    return queue.pollBudgetPerSecond();
  }

  /** Token-less joins one address may make per window; 0: no limit. */
  public int joinLimitPerAddress() {
    return queue.joinLimitPerAddress();
  }

  /** Zero bits the proof of work of a token-less join needs, unless an operator set it; 0: off. */
  public int joinProofDifficulty() {
    return queue.joinProofDifficulty();
  }

  /** Most sessions + pending calls per seat still available (docs/queue.md). */
  public int sessionsPerSeat() {
    return queue.sessionsPerSeat();
  }

  public Duration joinLimitWindow() {
    return Duration.ofSeconds(queue.joinLimitWindowSeconds());
  }

  /** When a performance's keys expire: after its sale and any session begun before its end. */
  public Instant keysExpireAt(SaleWindow sale) {
    return sale.closesAt().plus(sessionTtl()).plus(KEY_GRACE);
  }

  /** The cadence's arguments as poll-after.lua takes them after the position and the rate. */
  String[] cadenceArgs() {
    return new String[] {
      Integer.toString(defaultCapacity()),
      Long.toString(sessionTtl().toMillis()),
      Integer.toString(pollAfterMinSeconds()),
      Integer.toString(pollAfterMaxSeconds()),
      Integer.toString(pollBudgetPerSecond())
    };
  }
}
