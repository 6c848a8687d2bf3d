package dev.ticketing.seats;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The live seat map's storage in Redis: each operation is one Lua script, so one round trip. Reads
 * go to the reader (a replica may lag by milliseconds, far inside the 1 s freshness target); every
 * write goes to the primary.
 */
@Singleton
@Requires(
    env = {
      FunctionEnvironments.LIST_SEATS,
      FunctionEnvironments.RESERVE_SEAT,
      FunctionEnvironments.ADVANCE_QUEUE
    })
public class SeatMapStore {
  private static final LuaScript READ = LuaScript.load("seats/read.lua");
  private static final LuaScript MARK_RESERVED = LuaScript.load("seats/mark-reserved.lua");
  private static final LuaScript REBUILD = LuaScript.load("seats/rebuild.lua");

  private final StatefulRedisConnection<String, String> primary;
  private final StatefulRedisConnection<String, String> reader;

  public SeatMapStore(
      @Named("primary") StatefulRedisConnection<String, String> primary,
      @Named("reader") StatefulRedisConnection<String, String> reader) {
    this.primary = primary;
    this.reader = reader;
  }

  /** The full map, or 'unchanged' when {@code knownVersion} is current. */
  public SeatMapRead readFull(long performanceId, long knownVersion, boolean withLayout) {
    return read(performanceId, "full", knownVersion, withLayout);
  }

  /** The seats reserved since {@code knownVersion}; the full map when the log cannot tell. */
  public SeatMapRead readSince(long performanceId, long knownVersion, boolean withLayout) {
    return read(performanceId, "since", knownVersion, withLayout);
  }

  /** Marks committed seats RESERVED; the map's version, or -1 when the map is not whole. */
  public long markReserved(long performanceId, Collection<Long> seatIds) {
    String[] ids = seatIds.stream().map(String::valueOf).toArray(String[]::new);
    Long version =
        MARK_RESERVED.run(
            primary.sync(),
            ScriptOutputType.INTEGER,
            SeatMapKeys.of(performanceId).changing(),
            ids);
    return version;
  }

  /**
   * The map's version when it is whole, else -1, read on the primary: {@code mark-reserved.lua}
   * with no seats, which marks nothing.
   */
  public long version(long performanceId) {
    return markReserved(performanceId, List.of());
  }

  /** Merges MySQL's reserved seats into the map (creating it if needed); the whole map after. */
  public SeatMapRead.Full rebuild(
      long performanceId, String layoutJson, long expiresAtMillis, List<Long> reservedSeatIds) {
    List<String> args = new ArrayList<>(reservedSeatIds.size() + 2);
    args.add(layoutJson);
    args.add(Long.toString(expiresAtMillis));
    reservedSeatIds.forEach(id -> args.add(Long.toString(id)));
    List<Object> reply =
        REBUILD.run(
            primary.sync(),
            ScriptOutputType.MULTI,
            SeatMapKeys.of(performanceId).all(),
            args.toArray(String[]::new));
    return (SeatMapRead.Full) decode(reply);
  }

  /** The layout JSON as stored, or null when absent. */
  public String layoutJson(long performanceId) {
    return reader.sync().get(SeatMapKeys.of(performanceId).layout());
  }

  private SeatMapRead read(long performanceId, String mode, long knownVersion, boolean withLayout) {
    List<Object> reply =
        READ.run(
            reader.sync(),
            ScriptOutputType.MULTI,
            SeatMapKeys.of(performanceId).all(),
            mode,
            Long.toString(knownVersion),
            withLayout ? "1" : "0");
    return decode(reply);
  }

  private static SeatMapRead decode(List<Object> reply) {
    long kind = (Long) reply.get(0);
    if (kind == 0) {
      return new SeatMapRead.Missing();
    }
    long version = (Long) reply.get(1);
    if (kind == 1) {
      return new SeatMapRead.Unchanged(version);
    }
    if (kind == 2) {
      return new SeatMapRead.Changes(version, ids(reply, 2));
    }
    Object layout = reply.get(2);
    return new SeatMapRead.Full(version, layout == null ? "" : (String) layout, ids(reply, 3));
  }

  private static List<Long> ids(List<Object> reply, int from) {
    List<Long> ids = new ArrayList<>(reply.size() - from);
    for (int i = from; i < reply.size(); i++) {
      ids.add(Long.parseLong((String) reply.get(i)));
    }
    return ids;
  }
}
