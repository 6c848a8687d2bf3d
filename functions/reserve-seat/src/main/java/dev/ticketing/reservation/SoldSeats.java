package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.LuaScript;
import dev.ticketing.seats.SeatMapKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Before the seat transaction, one Redis round trip ({@code seats/claim.lua}): the requested seats
 * the live map already shows reserved. The map holds only seats MySQL committed RESERVED, and
 * RESERVED is final, so a request for one of them cannot win: it is answered without MySQL.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class SoldSeats {
  private static final LuaScript CLAIM = LuaScript.load("seats/claim.lua");

  private final StatefulRedisConnection<String, String> redis;

  public SoldSeats(@Named("primary") StatefulRedisConnection<String, String> redis) {
    this.redis = redis;
  }

  /** Seats the live map shows reserved, and the map's version that shows them. */
  public record OnMap(List<Long> seatIds, long version) {}

  /** The requested seats the whole map shows reserved; empty if none (or the map is not whole). */
  public Optional<OnMap> onMap(long performanceId, List<Long> seatIds) {
    String[] args = new String[seatIds.size()];
    for (int i = 0; i < seatIds.size(); i++) {
      args[i] = Long.toString(seatIds.get(i));
    }
    List<Long> reply =
        CLAIM.run(
            redis.sync(), ScriptOutputType.MULTI, SeatMapKeys.of(performanceId).changing(), args);
    return reply.get(0) == 2
        ? Optional.of(new OnMap(List.copyOf(reply.subList(2, reply.size())), reply.get(1)))
        : Optional.empty();
  }
}
