package dev.ticketing.figures;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a performance's figures of the last minutes ({@link MinuteCounters} writes them): one
 * pipelined HGETALL per minute, from the reader.
 */
@Singleton
public class MinuteFigures {
  /** The minutes the console's series shows, the current one included. */
  public static final int SERIES_MINUTES = 10;

  private final StatefulRedisConnection<String, String> reader;

  public MinuteFigures(@Named("reader") StatefulRedisConnection<String, String> reader) {
    this.reader = reader;
  }

  /** One minute's figures (0 for a figure nothing counted); {@code minute} is its start. */
  @Serdeable
  public record Minute(
      Instant minute,
      long admissions,
      long reservations,
      long conflicts,
      long serverErrors,
      long waiting) {}

  /** The last {@link #SERIES_MINUTES} minutes up to the one {@code now} is in, oldest first. */
  public List<Minute> series(long performanceId, Instant now) {
    FigureKeys keys = new FigureKeys(performanceId);
    long current = FigureKeys.minuteOf(now);
    RedisAsyncCommands<String, String> redis = reader.async();
    List<RedisFuture<Map<String, String>>> reads = new ArrayList<>(SERIES_MINUTES);
    for (long m = current - SERIES_MINUTES + 1; m <= current; m++) {
      reads.add(redis.hgetall(keys.minute(m)));
    }
    List<Minute> series = new ArrayList<>(SERIES_MINUTES);
    long m = current - SERIES_MINUTES + 1;
    for (RedisFuture<Map<String, String>> read : reads) {
      Map<String, String> h = await(read);
      series.add(
          new Minute(
              Instant.ofEpochSecond(m * 60),
              value(h, Figure.ADMISSIONS),
              value(h, Figure.RESERVATIONS),
              value(h, Figure.CONFLICTS),
              value(h, Figure.SERVER_ERRORS),
              value(h, Figure.WAITING)));
      m++;
    }
    return series;
  }

  private static long value(Map<String, String> minute, Figure figure) {
    String v = minute == null ? null : minute.get(figure.field());
    return v == null ? 0 : Long.parseLong(v);
  }

  private static <T> T await(RedisFuture<T> future) {
    try {
      return future.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new io.lettuce.core.RedisCommandTimeoutException("figures not read in 5 s");
    }
  }
}
