package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.LuaScript;
import dev.ticketing.redis.PerformanceKeys;
import dev.ticketing.seats.SeatMapKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * What a reservation attempt leaves in Redis once MySQL has decided it, in one round trip ({@code
 * seats/settle-attempt.lua}): a won attempt (or one that found the session's own reservation) puts
 * the reservation's seats on the live map and ends its session; a lost one puts the seats MySQL
 * named taken on the map. This is the step a function that dies after the commit never runs: the
 * retry or the advancer then runs the same settlement (docs/seats.md, "Crash consistency").
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class SettledAttempts {
  private static final LuaScript SETTLE =
      LuaScript.load("seats/settle-attempt.lua", "seats/mark.lua", "seats/settle-reservations.lua");

  private final StatefulRedisConnection<String, String> redis;

  public SettledAttempts(@Named("primary") StatefulRedisConnection<String, String> redis) {
    this.redis = redis;
  }

  /**
   * After the commit of session {@code sessionId}'s reservation of {@code seatIds}; the map's
   * version, or -1 when the map is not whole.
   */
  public long won(long performanceId, String sessionId, List<Long> seatIds) {
    return run(performanceId, "won", sessionId, seatIds);
  }

  /**
   * After a lost race: {@code taken} are the seats MySQL says are taken (possibly none). The map's
   * version, or -1.
   */
  public long lost(long performanceId, List<Long> taken) {
    return run(performanceId, "lost", "", taken);
  }

  private long run(long performanceId, String outcome, String sessionId, List<Long> seatIds) {
    String[] args = new String[seatIds.size() + 2];
    args[0] = outcome;
    args[1] = sessionId;
    for (int i = 0; i < seatIds.size(); i++) {
      args[i + 2] = Long.toString(seatIds.get(i));
    }
    Long version =
        SETTLE.run(
            redis.sync(),
            ScriptOutputType.INTEGER,
            SeatMapKeys.of(performanceId).changingAnd(PerformanceKeys.of(performanceId).sessions()),
            args);
    return version;
  }
}
