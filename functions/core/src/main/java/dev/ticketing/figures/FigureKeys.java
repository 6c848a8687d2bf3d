package dev.ticketing.figures;

import dev.ticketing.redis.PerformanceKeys;
import java.time.Instant;

/**
 * The Redis key of one performance's figures of one minute: {@code {pP}:fig:<epoch minute>}, a hash
 * of {@link Figure} fields, in the performance's hash slot.
 */
public record FigureKeys(long performanceId) {

  /** The minute an instant falls in, counted from the epoch. */
  public static long minuteOf(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 60);
  }

  public String minute(long epochMinute) {
    return PerformanceKeys.of(performanceId).prefix() + "fig:" + epochMinute;
  }
}
