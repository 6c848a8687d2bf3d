package dev.ticketing.queue;

import dev.ticketing.redis.LuaScript;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The operator's view of a queue and its one lever, the capacity. The view is read from the reader
 * (a replica on AWS): a second of staleness does not matter to an operator.
 */
@Singleton
public class QueueControl {
  /** The same bound as {@code QUEUE_CAPACITY}. */
  public static final int MAX_CAPACITY = 100_000;

  private static final LuaScript SET_CAPACITY = LuaScript.load("queue/set-capacity.lua");

  private final StatefulRedisConnection<String, String> primary;
  private final StatefulRedisConnection<String, String> reader;
  private final QueueRules rules;

  public QueueControl(
      @Named("primary") StatefulRedisConnection<String, String> primary,
      @Named("reader") StatefulRedisConnection<String, String> reader,
      QueueRules rules) {
    this.primary = primary;
    this.reader = reader;
    this.rules = rules;
  }

  public QueueState state(long performanceId, Instant now) {
    QueueKeys keys = new QueueKeys(performanceId);
    RedisAsyncCommands<String, String> redis = reader.async();
    List<KeyValue<String, String>> meta =
        await(redis.hmget(keys.meta(), "paused", "shift", "soldout", "available", "held"));
    // Claim deadlines are on the queue's clock (queue-clock.lua): wall time less the pauses.
    long shift = meta.get(1).hasValue() ? Long.parseLong(meta.get(1).getValue()) : 0;
    long queueNow =
        (meta.get(0).hasValue() ? Long.parseLong(meta.get(0).getValue()) : now.toEpochMilli())
            - shift;
    RedisFuture<Long> waiting = redis.zcard(keys.waiting());
    RedisFuture<Long> called = redis.zcount(keys.called(), "(" + queueNow, "+inf");
    RedisFuture<Long> active = redis.zcount(keys.sessions(), "(" + now.toEpochMilli(), "+inf");
    RedisFuture<String> capacity = redis.get(keys.capacity());
    RedisFuture<String> rate = redis.hget(keys.rate(), "ewma");
    RedisFuture<String> issued = redis.get(keys.seq());
    String cap = await(capacity);
    String ewma = await(rate);
    String seq = await(issued);
    return new QueueState(
        performanceId,
        await(waiting),
        await(called),
        await(active),
        cap == null ? rules.defaultCapacity() : Long.parseLong(cap),
        cap != null,
        ewma == null ? 0 : Double.parseDouble(ewma),
        seq == null ? 0 : Long.parseLong(seq),
        meta.get(0).hasValue(),
        meta.get(2).hasValue(),
        meta.get(3).hasValue() ? Long.valueOf(meta.get(3).getValue()) : null,
        meta.get(4).hasValue() ? Long.valueOf(meta.get(4).getValue()) : null);
  }

  /** Takes effect at the next tick; lowering it calls nobody until the room is below it. */
  public void setCapacity(SaleWindow sale, int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("capacity must be between 1 and " + MAX_CAPACITY);
    }
    SET_CAPACITY.run(
        primary.sync(),
        ScriptOutputType.INTEGER,
        new String[] {new QueueKeys(sale.performanceId()).capacity()},
        Integer.toString(capacity),
        Long.toString(rules.keysExpireAt(sale).toEpochMilli()));
  }

  private static <T> T await(RedisFuture<T> future) {
    try {
      return future.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Redis did not answer: " + e.getMessage(), e);
    }
  }
}
