package dev.ticketing.reservation;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.LuaScript;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.SeatLayouts;
import dev.ticketing.seats.SeatMapKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best available's choice, one short Redis script ({@code seats/pick-block.lua}, a handful of
 * arguments): the best block the live map shows free and no concurrent request has just picked,
 * picked for {@link #LEASE_MS}. MySQL's conditional update is still the final check (the caller
 * holds the block under the lock strategy).
 *
 * <p>The candidate blocks of a performance, count and grade ({@link SeatBlocks}) live in Redis
 * beside the live map ({@link ReservationKeys#blocks}), written whole by one script ({@code
 * seats/store-blocks.lua}). They depend on the layout alone, so holds, releases and expiries never
 * change them: the script reads the seats' statuses from the map at each pick. When the blocks are
 * missing (a flush, a failover, eviction, expiry, a process that died before storing them) or of
 * another format, they are worked out again from the layout (MySQL's, through {@link SeatLayouts});
 * when the map is not whole it is rebuilt from MySQL first ({@link LiveSeatMap}). A pick reads the
 * blocks from a resume point kept beside them ({@link ReservationKeys#blocksFrom}): the blocks
 * before it were all taken on the map, and stay so until the map's log returns a seat, so a pick in
 * a full hall reads a few keys, not every block.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class BlockPicker {
  private static final Logger LOG = LoggerFactory.getLogger(BlockPicker.class);

  /**
   * How long a pick keeps other picks off its seats. Longer than a hold takes normally; not as long
   * as its worst case, because a pick whose request timed out (Redis overloaded) keeps its seats
   * from every other pick until the lease ends: with 15 s, a burst that timed out leased the whole
   * hall and starved everyone. A hold slower than the lease may meet another pick's hold in MySQL,
   * which decides, and the request picks again.
   */
  static final long LEASE_MS = 5_000;

  /**
   * The stored blocks' format: part of their header, so blocks stored by a build that scored or
   * encoded them otherwise are seen stale and replaced.
   */
  static final int FORMAT = 2;

  /** How long stored blocks live when the map has no expiry to follow (rebuilt when missing). */
  static final Duration KEPT_WITHOUT_MAP = Duration.ofDays(1);

  /**
   * Stored forms kept in memory (like the layouts: one performance has a few counts and grades).
   */
  static final int MAX_CACHED = 256;

  /**
   * Rounds of rebuilding what the pick found missing (the map, then the blocks) before giving up.
   */
  private static final int REBUILDS = 3;

  private static final LuaScript PICK = LuaScript.load("seats/pick-block.lua");
  private static final LuaScript STORE = LuaScript.load("seats/store-blocks.lua");

  private final StatefulRedisConnection<String, String> redis;
  private final SeatLayouts layouts;
  private final LiveSeatMap map;
  private final Clock clock;
  private final Map<String, Candidates> candidates = new ConcurrentHashMap<>();

  /** The stored form of one performance's blocks of one count and grade: header, then entries. */
  record Candidates(String key, String header, String[] entries) {}

  public BlockPicker(
      @Named("primary") StatefulRedisConnection<String, String> redis,
      SeatLayouts layouts,
      LiveSeatMap map,
      Clock clock) {
    this.redis = redis;
    this.layouts = layouts;
    this.map = map;
    this.clock = clock;
  }

  /** The picked seats, ascending; empty when no block of {@code count} (of the grade) is free. */
  public List<Long> pick(long performanceId, int count, String grade) {
    Candidates blocks = candidates(performanceId, count, grade);
    SeatMapKeys seats = SeatMapKeys.of(performanceId);
    ReservationKeys own = ReservationKeys.of(performanceId);
    String[] keys = {
      blocks.key(),
      seats.reserved(),
      seats.held(),
      seats.meta(),
      own.picks(),
      seats.log(),
      own.blocksFrom(count, grade)
    };
    for (int round = 0; ; round++) {
      List<Long> reply =
          PICK.run(
              redis.sync(),
              ScriptOutputType.MULTI,
              keys,
              Long.toString(clock.millis()),
              Long.toString(LEASE_MS),
              blocks.header(),
              Integer.toString(count));
      long status = reply.get(0);
      if (status >= 0) {
        return reply.subList(1, reply.size()).stream().sorted().toList();
      }
      if (round == REBUILDS) {
        // Redis loses what was just written (evicting under memory pressure): a store outage.
        throw ApiException.unavailable(
            ErrorCode.SERVICE_UNAVAILABLE,
            "The seat map is being rebuilt. Please try again in a moment.",
            2);
      }
      if (status == -2) {
        map.rebuildVersion(performanceId);
      } else {
        store(performanceId, blocks, keys[6]);
      }
    }
  }

  /**
   * Ends the picks of seats now held (on the map), so that when the hold is released or expires
   * they are offered at once rather than when the lease lapses. Best effort: the lease lapses
   * anyway.
   */
  public void done(long performanceId, List<Long> seatIds) {
    try {
      redis
          .sync()
          .hdel(
              ReservationKeys.of(performanceId).picks(),
              seatIds.stream().map(String::valueOf).toArray(String[]::new));
    } catch (RuntimeException e) {
      LOG.warn("picks of seats {} of performance {} left to lapse", seatIds, performanceId, e);
    }
  }

  /** Writes the blocks to Redis whole (one script), following the map's expiry. */
  void store(long performanceId, Candidates blocks, String fromKey) {
    String[] args = new String[blocks.entries().length + 2];
    args[0] = blocks.header();
    args[1] = Long.toString(KEPT_WITHOUT_MAP.toMillis());
    System.arraycopy(blocks.entries(), 0, args, 2, blocks.entries().length);
    STORE.run(
        redis.sync(),
        ScriptOutputType.INTEGER,
        new String[] {blocks.key(), SeatMapKeys.of(performanceId).meta(), fromKey},
        args);
  }

  /** The blocks' stored form, worked out once per process from the layout (which never changes). */
  Candidates candidates(long performanceId, int count, String grade) {
    String key = ReservationKeys.of(performanceId).blocks(count, grade);
    if (candidates.size() >= MAX_CACHED && !candidates.containsKey(key)) {
      candidates.clear();
    }
    return candidates.computeIfAbsent(
        key,
        k -> {
          List<SeatBlocks.Block> blocks =
              SeatBlocks.of(layouts.require(performanceId), count, grade);
          String[] entries = new String[blocks.size()];
          for (int i = 0; i < entries.length; i++) {
            entries[i] = entry(blocks.get(i));
          }
          String header =
              "best-available blocks format="
                  + FORMAT
                  + " count="
                  + count
                  + " grade="
                  + (grade == null ? "" : grade)
                  + " blocks="
                  + entries.length;
          return new Candidates(k, header, entries);
        });
  }

  /** A block as the scripts read it: its seat ids, then left1 left2 right1 right2 (0: none). */
  private static String entry(SeatBlocks.Block b) {
    StringBuilder s = new StringBuilder();
    for (long id : b.seatIds()) {
      s.append(id).append(' ');
    }
    return s.append(b.left1())
        .append(' ')
        .append(b.left2())
        .append(' ')
        .append(b.right1())
        .append(' ')
        .append(b.right2())
        .toString();
  }
}
