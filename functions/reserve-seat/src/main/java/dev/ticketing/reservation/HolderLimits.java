package dev.ticketing.reservation;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.LuaScript;
import dev.ticketing.seats.SeatMapKeys;
import dev.ticketing.settings.Settings;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * MAX_SEATS_PER_HOLDER. A holder is one ticketing session; its count sits in Redis next to the
 * session and lives as long as the session's access token, so the check costs one Redis round trip
 * before the seat transaction instead of a row lock inside it. A claim that reserves nothing is
 * refunded; one lost with a crashed function only makes the limit stricter until the session ends.
 * The same round trip asks the live seat map whether a requested seat is already sold: such a
 * request cannot win, so it is refused at once, without counting and without MySQL.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class HolderLimits {
  private static final LuaScript HOLDER_SEATS = LuaScript.load("seats/holder-seats.lua");
  private static final LuaScript CLAIM =
      LuaScript.load("seats/claim.lua", "seats/holder-seats.lua");
  static final Duration KEPT_AFTER_ACCESS = Duration.ofMinutes(1);

  private final StatefulRedisConnection<String, String> redis;
  private final int limit;

  public HolderLimits(
      @Named("primary") StatefulRedisConnection<String, String> redis, Settings settings) {
    this.redis = redis;
    this.limit = settings.seats().maxSeatsPerHolder();
  }

  /** Seats the live map already shows reserved, and the map's version that shows them. */
  public record SoldOnMap(List<Long> seatIds, long version) {}

  /**
   * Counts {@code seatIds} for the holder, or refuses with 422 if that would pass the limit; null
   * when counted. When the live map already shows some of them reserved, nothing is counted and
   * those come back instead.
   */
  public SoldOnMap claim(long performanceId, AccessClaims buyer, List<Long> seatIds) {
    if (seatIds.size() > limit) {
      throw exceeded(0);
    }
    String[] map = SeatMapKeys.of(performanceId).changing();
    String[] args = new String[seatIds.size() + 3];
    args[0] = Integer.toString(seatIds.size());
    args[1] = Integer.toString(limit);
    args[2] = Long.toString(until(buyer));
    for (int i = 0; i < seatIds.size(); i++) {
      args[i + 3] = Long.toString(seatIds.get(i));
    }
    List<Long> reply =
        CLAIM.run(
            redis.sync(),
            ScriptOutputType.MULTI,
            new String[] {
              ReservationKeys.of(performanceId).holder(buyer.holder()), map[0], map[1], map[2]
            },
            args);
    long kind = reply.get(0);
    if (kind == 1) {
      throw exceeded(reply.get(1));
    }
    return kind == 2
        ? new SoldOnMap(List.copyOf(reply.subList(2, reply.size())), reply.get(1))
        : null;
  }

  /** Gives back the seats of a claim whose reservation did not happen. */
  public void refund(long performanceId, AccessClaims buyer, int seats) {
    run(performanceId, buyer, -seats);
  }

  /** Seats the holder has reserved or is reserving. */
  public long held(long performanceId, String holder) {
    String held = redis.sync().get(ReservationKeys.of(performanceId).holder(holder));
    return held == null ? 0 : Long.parseLong(held);
  }

  /** When the holder's count expires: a minute after the holder's access token. */
  private static long until(AccessClaims buyer) {
    return Math.multiplyExact(buyer.exp(), 1000L) + KEPT_AFTER_ACCESS.toMillis();
  }

  private long run(long performanceId, AccessClaims buyer, int change) {
    Long result =
        HOLDER_SEATS.run(
            redis.sync(),
            ScriptOutputType.INTEGER,
            new String[] {ReservationKeys.of(performanceId).holder(buyer.holder())},
            Integer.toString(change),
            Integer.toString(limit),
            Long.toString(until(buyer)));
    return result;
  }

  private ApiException exceeded(long held) {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ErrorCode.LIMIT_EXCEEDED,
        "A buyer may reserve at most "
            + limit
            + " seats for a performance; you already have "
            + held
            + ".",
        Map.of("limit", limit, "held", held));
  }
}
