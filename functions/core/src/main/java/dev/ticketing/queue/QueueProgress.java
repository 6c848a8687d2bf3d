package dev.ticketing.queue;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The public progress of a queue: three reads sent together (one round trip), from the reader. A
 * second of replica lag is nothing next to the second the answer is cached at the edge, and a
 * replica serves plain reads where it would refuse a script.
 */
@Singleton
public class QueueProgress {
  private final StatefulRedisConnection<String, String> reader;

  public QueueProgress(@Named("reader") StatefulRedisConnection<String, String> reader) {
    this.reader = reader;
  }

  /**
   * How far the queue has come: {@code calls} made so far, the largest order key called ({@code
   * nowServing}, null before the first call), the measured admissions per minute (null before one
   * is measured), the tickets waiting (abandoned ones included until the advancer drops them), and
   * whether the sale is paused or sold out.
   */
  public record Snapshot(
      long calls,
      Long nowServing,
      Double admittedPerMinute,
      long waiting,
      boolean paused,
      boolean soldOut) {}

  public Snapshot read(long performanceId) {
    QueueKeys keys = new QueueKeys(performanceId);
    RedisAsyncCommands<String, String> redis = reader.async();
    RedisFuture<List<KeyValue<String, String>>> progress =
        redis.hmget(keys.rate(), "calls", "serving", "ewma");
    RedisFuture<Long> waiting = redis.zcard(keys.waiting());
    RedisFuture<List<KeyValue<String, String>>> flags =
        redis.hmget(keys.meta(), "paused", "soldout");
    List<KeyValue<String, String>> p = await(progress);
    List<KeyValue<String, String>> f = await(flags);
    return new Snapshot(
        p.get(0).hasValue() ? Long.parseLong(p.get(0).getValue()) : 0,
        p.get(1).hasValue() ? (long) Double.parseDouble(p.get(1).getValue()) : null,
        p.get(2).hasValue()
            ? Math.round(Double.parseDouble(p.get(2).getValue()) * 10) / 10.0
            : null,
        await(waiting),
        f.get(0).hasValue(),
        f.get(1).hasValue());
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
          : new IllegalStateException("Redis did not answer", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Redis did not answer within 5 s", e);
    }
  }
}
