package dev.ticketing.advancequeue;

import dev.ticketing.function.FunctionEnvironments;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * The tick slots of the cadence (one every interval, on the epoch grid), each claimed by exactly
 * one advancer: invocations that overlap (a retry, a slow minute running into the next) share the
 * slots instead of ticking twice. Ticks are idempotent anyway; this keeps the cadence even.
 */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class TickSlots {
  static final String PREFIX = "{advancer}:slot:";

  private final StatefulRedisConnection<String, String> redis;

  public TickSlots(@Named("primary") StatefulRedisConnection<String, String> redis) {
    this.redis = redis;
  }

  /** True for the one caller that gets the slot starting at {@code slot}. */
  public boolean claim(Instant slot, Duration interval, String owner) {
    String result =
        redis
            .sync()
            .set(
                PREFIX + slot.toEpochMilli(),
                owner,
                SetArgs.Builder.nx().px(interval.multipliedBy(4).toMillis()));
    return "OK".equals(result);
  }
}
