package dev.ticketing.figures;

import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the per-minute figures of a performance ({@code count.lua}), where they happen, whichever
 * function that is: one Redis call, sent without waiting for its answer, so it adds no latency to
 * the request and its failure (Redis down or slow) never fails it: the figure is lost and the
 * failure logged (at most every {@link #LOG_EVERY}, so an outage does not flood the log).
 */
@Singleton
public class MinuteCounters {
  /** How long a minute's figures are kept: the console shows 10 minutes. */
  public static final Duration KEPT = Duration.ofMinutes(15);

  static final Duration LOG_EVERY = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(MinuteCounters.class);
  private static final LuaScript COUNT = LuaScript.load("figures/count.lua");
  private static final String TTL = Long.toString(KEPT.toMillis());

  private final StatefulRedisConnection<String, String> primary;
  private final Clock clock;
  private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

  public MinuteCounters(
      @Named("primary") StatefulRedisConnection<String, String> primary, Clock clock) {
    this.primary = primary;
    this.clock = clock;
  }

  /**
   * Adds {@code amount} to a figure of the current minute. Nobody needs to wait for the returned
   * stage (it completes when Redis has counted, or has failed to: it never completes
   * exceptionally).
   */
  public CompletableFuture<Void> add(long performanceId, Figure figure, long amount) {
    if (amount == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return send(performanceId, TTL, "add", figure.field(), Long.toString(amount));
  }

  /** One advancer tick of a performance: the tickets it called, and a sample of those waiting. */
  public CompletableFuture<Void> ticked(long performanceId, long called, long waiting) {
    return send(
        performanceId,
        TTL,
        "add",
        Figure.ADMISSIONS.field(),
        Long.toString(called),
        "set",
        Figure.WAITING.field(),
        Long.toString(waiting));
  }

  private CompletableFuture<Void> send(long performanceId, String... args) {
    String key = new FigureKeys(performanceId).minute(FigureKeys.minuteOf(clock.instant()));
    try {
      return COUNT
          .<Long>runAsyncLoading(
              primary.async(), ScriptOutputType.INTEGER, new String[] {key}, args)
          .handle(
              (done, failure) -> {
                if (failure != null) {
                  lost(failure);
                }
                return null;
              });
    } catch (RuntimeException e) {
      lost(e);
      return CompletableFuture.completedFuture(null);
    }
  }

  private void lost(Throwable failure) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if ((last == Long.MIN_VALUE || now - last >= LOG_EVERY.toNanos())
        && lastLogged.compareAndSet(last, now)) {
      LOG.warn("a console figure was not counted (best effort): {}", failure.toString());
    }
  }
}
