package dev.ticketing.seats;

import dev.ticketing.catalog.SeatStatus;
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
  private static final LuaScript MARK = LuaScript.load("seats/mark.lua");
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

  /** The seat changes since {@code knownVersion}; the full map when the log cannot tell. */
  public SeatMapRead readSince(long performanceId, long knownVersion, boolean withLayout) {
    return read(performanceId, "since", knownVersion, withLayout);
  }

  /** A status change to put on the map ({@code seats/mark.lua}). */
  public enum Mark {
    AVAILABLE("A"),
    HELD("H"),
    RESERVED("R"),
    /** Taken, status unknown: HELD unless the map shows the seat HELD or RESERVED already. */
    TAKEN("T");

    private final String letter;

    Mark(String letter) {
      this.letter = letter;
    }

    public String letter() {
      return letter;
    }
  }

  /** Marks committed status changes; the map's version, or -1 when the map is not whole. */
  public long mark(long performanceId, Mark mark, Collection<Long> seatIds) {
    String[] args = new String[seatIds.size() + 1];
    args[0] = mark.letter();
    int i = 1;
    for (long id : seatIds) {
      args[i++] = Long.toString(id);
    }
    Long version =
        MARK.run(
            primary.sync(),
            ScriptOutputType.INTEGER,
            SeatMapKeys.of(performanceId).changing(),
            args);
    return version;
  }

  /**
   * The map's version when it is whole, else -1, read on the primary: {@code mark.lua} with no
   * seats, which marks nothing.
   */
  public long version(long performanceId) {
    return mark(performanceId, Mark.TAKEN, List.of());
  }

  /**
   * Replaces the map with MySQL's snapshot when it is not whole or behind it, or always when {@code
   * force}; the whole map after.
   */
  public SeatMapRead.Full rebuild(
      long performanceId,
      String layoutJson,
      long expiresAtMillis,
      SeatSnapshot snapshot,
      boolean force) {
    List<String> args = new ArrayList<>(snapshot.reserved().size() + snapshot.held().size() + 5);
    args.add(layoutJson);
    args.add(Long.toString(expiresAtMillis));
    args.add(Long.toString(snapshot.version()));
    args.add(force ? "force" : "behind");
    args.add(Integer.toString(snapshot.reserved().size()));
    snapshot.reserved().forEach(id -> args.add(Long.toString(id)));
    snapshot.held().forEach(id -> args.add(Long.toString(id)));
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
      List<SeatChange> changes = new ArrayList<>(reply.size() - 2);
      for (int i = 2; i < reply.size(); i++) {
        String entry = (String) reply.get(i);
        int colon = entry.indexOf(':');
        changes.add(
            new SeatChange(
                Long.parseLong(entry.substring(0, colon)),
                SeatStatus.ofLetter(entry.substring(colon + 1))));
      }
      return new SeatMapRead.Changes(version, changes);
    }
    Object layout = reply.get(2);
    int reserved = (int) (long) (Long) reply.get(3);
    return new SeatMapRead.Full(
        version,
        layout == null ? "" : (String) layout,
        ids(reply, 4, 4 + reserved),
        ids(reply, 4 + reserved, reply.size()));
  }

  private static List<Long> ids(List<Object> reply, int from, int to) {
    List<Long> ids = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      ids.add(Long.parseLong((String) reply.get(i)));
    }
    return ids;
  }
}
