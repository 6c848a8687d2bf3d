package dev.ticketing.queue;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.redis.LuaScript;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's pause of a sale ({@code pause.lua}, {@code resume.lua}): the queue's clock stops,
 * so nobody is called or admitted and no place, call or session runs out, however long the pause;
 * reservations are refused meanwhile. Resuming starts every clock again where it stopped.
 */
@Singleton
public class SalePause {
  /** How long a reservation refused by a pause is told to wait before trying again. */
  public static final long RETRY_AFTER_SECONDS = 30;

  private static final LuaScript PAUSE = LuaScript.load("queue/pause.lua");
  private static final LuaScript RESUME = LuaScript.load("queue/resume.lua");

  private final StatefulRedisConnection<String, String> primary;
  private final QueueRules rules;

  public SalePause(
      @Named("primary") StatefulRedisConnection<String, String> primary, QueueRules rules) {
    this.primary = primary;
    this.rules = rules;
  }

  /** True if the sale was paused now, false if it already was. */
  public boolean pause(SaleWindow sale, Instant now) {
    QueueKeys keys = new QueueKeys(sale.performanceId());
    Long paused =
        PAUSE.run(
            primary.sync(),
            ScriptOutputType.INTEGER,
            new String[] {keys.meta(), keys.sessions(), keys.pausedSessions()},
            Long.toString(now.toEpochMilli()),
            Long.toString(rules.keysExpireAt(sale).toEpochMilli()));
    return paused == 1;
  }

  /** The pause's length, or empty if the sale was not paused. */
  public Optional<Duration> resume(long performanceId, Instant now) {
    QueueKeys keys = new QueueKeys(performanceId);
    Long length =
        RESUME.run(
            primary.sync(),
            ScriptOutputType.INTEGER,
            new String[] {keys.meta(), keys.sessions(), keys.pausedSessions(), keys.rate()},
            Long.toString(now.toEpochMilli()));
    return length < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(length));
  }

  /** 503 {@code sale_paused} with {@code Retry-After}. */
  public static ApiException salePaused() {
    return ApiException.unavailable(
        ErrorCode.SALE_PAUSED,
        "The sale is paused for a moment. Your session and your place are kept; try again shortly.",
        RETRY_AFTER_SECONDS);
  }

  /** What the queue's keys say of a sale for a reservation: open, paused, or closed. */
  public enum Gate {
    OPEN,
    PAUSED,
    CLOSED
  }

  /**
   * Whether a reservation may go ahead now: one read of the primary (a pause or an operator's close
   * must take effect at once, whatever window a function has cached).
   */
  public Gate gate(long performanceId, Instant now) {
    List<KeyValue<String, String>> meta =
        primary.sync().hmget(new QueueKeys(performanceId).meta(), "paused", "closes");
    if (meta.get(1).hasValue() && now.toEpochMilli() >= Long.parseLong(meta.get(1).getValue())) {
      return Gate.CLOSED;
    }
    return meta.get(0).hasValue() ? Gate.PAUSED : Gate.OPEN;
  }

  /** Whether the sale is paused now (read from the primary: a pause must take effect at once). */
  public boolean paused(long performanceId) {
    return primary.sync().hexists(new QueueKeys(performanceId).meta(), "paused");
  }
}
