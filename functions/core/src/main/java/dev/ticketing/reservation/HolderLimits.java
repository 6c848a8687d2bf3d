package dev.ticketing.reservation;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.config.Settings;
import dev.ticketing.error.ApiException;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;

/**
 * MAX_SEATS_PER_HOLDER. A holder is one ticketing session; its count sits in Redis next to the
 * session and lives as long as the session's access token, so the check costs one Redis round trip
 * before the seat transaction instead of a row lock inside it. A claim that reserves nothing is
 * refunded; one lost with a crashed function only makes the limit stricter until the session ends.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class HolderLimits {
  private static final LuaScript HOLDER_SEATS = LuaScript.load("seats/holder-seats.lua");
  static final Duration KEPT_AFTER_ACCESS = Duration.ofMinutes(1);

  private final StatefulRedisConnection<String, String> redis;
  private final int limit;

  public HolderLimits(
      @Named("primary") StatefulRedisConnection<String, String> redis, Settings settings) {
    this.redis = redis;
    this.limit = settings.maxSeatsPerHolder();
  }

  public static String key(long performanceId, String holder) {
    return "{p" + performanceId + "}:holder:" + holder;
  }

  /** Counts {@code seats} for the holder, or refuses with 422 if that would pass the limit. */
  public void claim(long performanceId, AccessClaims buyer, int seats) {
    if (seats > limit) {
      throw exceeded(0);
    }
    long held = run(performanceId, buyer, seats);
    if (held < 0) {
      throw exceeded(-held - 1);
    }
  }

  /** Gives back the seats of a claim whose reservation did not happen. */
  public void refund(long performanceId, AccessClaims buyer, int seats) {
    run(performanceId, buyer, -seats);
  }

  /** Seats the holder has reserved or is reserving. */
  public long held(long performanceId, String holder) {
    String held = redis.sync().get(key(performanceId, holder));
    return held == null ? 0 : Long.parseLong(held);
  }

  private long run(long performanceId, AccessClaims buyer, int change) {
    long until = Math.multiplyExact(buyer.exp(), 1000L) + KEPT_AFTER_ACCESS.toMillis();
    Long result =
        HOLDER_SEATS.run(
            redis.sync(),
            ScriptOutputType.INTEGER,
            new String[] {key(performanceId, Reservations.holder(buyer))},
            Integer.toString(change),
            Integer.toString(limit),
            Long.toString(until));
    return result;
  }

  private ApiException exceeded(long held) {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        "limit_exceeded",
        "A buyer may reserve at most "
            + limit
            + " seats for a performance; you already have "
            + held
            + ".",
        Map.of("limit", limit, "held", held));
  }
}
