package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.LuaScript;
import dev.ticketing.seats.SeatLayout;
import dev.ticketing.seats.SeatLayouts;
import dev.ticketing.seats.SeatMapKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Best available's choice, one Redis round trip ({@code seats/pick-block.lua}): the best block the
 * live map shows free and no concurrent request has just picked, picked for {@link #LEASE_MS}.
 * MySQL's conditional update is still the final check (the caller holds the block under the lock
 * strategy). The candidate blocks of a performance, count and grade are worked out once from its
 * layout and kept with the arguments the script takes.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class BlockPicker {
  /**
   * How long a pick keeps other picks off its seats. Longer than a hold takes normally; not as long
   * as its worst case, because a pick whose request timed out (Redis overloaded) keeps its seats
   * from every other pick until the lease ends: with 15 s, a burst that timed out leased the whole
   * hall and starved everyone. A hold slower than the lease may meet another pick's hold in MySQL,
   * which decides, and the request picks again.
   */
  static final long LEASE_MS = 5_000;

  private static final LuaScript PICK = LuaScript.load("seats/pick-block.lua");

  private final StatefulRedisConnection<String, String> redis;
  private final SeatLayouts layouts;
  private final Clock clock;
  private final Map<String, String[]> candidates = new ConcurrentHashMap<>();

  public BlockPicker(
      @Named("primary") StatefulRedisConnection<String, String> redis,
      SeatLayouts layouts,
      Clock clock) {
    this.redis = redis;
    this.layouts = layouts;
    this.clock = clock;
  }

  /** The picked seats, ascending; empty when no block of {@code count} (of the grade) is free. */
  public List<Long> pick(long performanceId, int count, String grade) {
    String[] blocks =
        candidates.computeIfAbsent(
            performanceId + "/" + count + "/" + grade,
            k -> arguments(layouts.require(performanceId), count, grade));
    String[] args = blocks.clone();
    args[0] = Long.toString(clock.millis());
    SeatMapKeys map = SeatMapKeys.of(performanceId);
    List<Long> picked =
        PICK.run(
            redis.sync(),
            ScriptOutputType.MULTI,
            new String[] {map.reserved(), map.held(), ReservationKeys.of(performanceId).picks()},
            args);
    return picked.stream().sorted().toList();
  }

  /** The script's arguments after the time: lease, N, width, then the blocks best first. */
  private static String[] arguments(SeatLayout layout, int count, String grade) {
    List<SeatBlocks.Block> blocks = SeatBlocks.of(layout, count, grade);
    int width = count + 4;
    String[] args = new String[4 + blocks.size() * width];
    args[1] = Long.toString(LEASE_MS);
    args[2] = Integer.toString(count);
    args[3] = Integer.toString(width);
    int i = 4;
    for (SeatBlocks.Block b : blocks) {
      for (long id : b.seatIds()) {
        args[i++] = Long.toString(id);
      }
      args[i++] = Long.toString(b.left1());
      args[i++] = Long.toString(b.left2());
      args[i++] = Long.toString(b.right1());
      args[i++] = Long.toString(b.right2());
    }
    return args;
  }
}
