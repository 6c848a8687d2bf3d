package dev.ticketing.seats;

import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seat map every buyer polls, served from Redis in one round trip and rebuilt from MySQL when
 * Redis lost it. Its version counts seat changes (holds, confirmations, seats coming back), as
 * MySQL counts them in SUM(seats.version): it only grows, and a rebuild from MySQL never goes below
 * a version a poller saw of a map that followed MySQL.
 */
@Singleton
@Requires(env = {FunctionEnvironments.LIST_SEATS, FunctionEnvironments.RESERVE_SEAT})
public class LiveSeatMap {
  public static final long NO_VERSION = -1;

  private final SeatMapStore store;
  private final SeatLayouts layouts;
  private final SeatMapRebuilder rebuilder;
  private final SeatLayoutRepository seats;
  private final SingleFlight<Long, SeatMapRead.Full> rebuilds = new SingleFlight<>();
  private final SharedSeatMapJson shared;

  public LiveSeatMap(
      SeatMapStore store,
      SeatLayouts layouts,
      SeatMapRebuilder rebuilder,
      SeatLayoutRepository seats,
      JsonMapper json) {
    this.store = store;
    this.layouts = layouts;
    this.rebuilder = rebuilder;
    this.seats = seats;
    this.shared = new SharedSeatMapJson(json);
  }

  /** The whole map, or not-modified when {@code knownVersion} (from If-None-Match) is current. */
  public SeatMapView full(long performanceId, long knownVersion) {
    return view(performanceId, false, knownVersion);
  }

  /**
   * As {@link #full}, the whole map serialized once per version and shared by its readers ({@link
   * SeatMapView.Serialized}). Redis is asked whether the version kept here is still current (one
   * round trip, no seats in the answer when it is); only a new version is read whole and
   * serialized.
   */
  public SeatMapView fullShared(long performanceId, long knownVersion) {
    SeatMapView.Serialized kept = shared.latest(performanceId);
    long asked = kept == null ? knownVersion : kept.version();
    SeatMapView view = view(performanceId, false, asked);
    if (view instanceof SeatMapView.NotModified current) {
      return current.version() == knownVersion ? current : kept;
    }
    SeatMapView.Full map = (SeatMapView.Full) view;
    if (map.version() == knownVersion) {
      return new SeatMapView.NotModified(knownVersion);
    }
    return shared.share(performanceId, map);
  }

  /** The seats changed since {@code version}; the whole map when that version is too old. */
  public SeatMapView since(long performanceId, long version) {
    return view(performanceId, true, version);
  }

  /**
   * Records status changes MySQL has committed; returns the map's version, or {@link #NO_VERSION}
   * when the map is not whole and {@code rebuildIfMissing} is false (the next reader rebuilds it).
   */
  public long mark(
      long performanceId,
      SeatMapStore.Mark mark,
      Collection<Long> seatIds,
      boolean rebuildIfMissing) {
    long version = store.mark(performanceId, mark, seatIds);
    if (version >= 0 || !rebuildIfMissing) {
      return version;
    }
    return rebuild(performanceId).version();
  }

  /** Rebuilds the map from MySQL (when it was found not whole); its version after. */
  public long rebuildVersion(long performanceId) {
    return rebuild(performanceId).version();
  }

  /**
   * The version a map that saw every change has, counted in MySQL (for when Redis cannot answer).
   */
  public long versionInDatabase(long performanceId) {
    return seats.sumVersions(performanceId);
  }

  private SeatMapView view(long performanceId, boolean since, long known) {
    SeatLayout layout = layouts.cached(performanceId).orElse(null);
    boolean withLayout = layout == null;
    SeatMapRead read =
        since
            ? store.readSince(performanceId, known, withLayout)
            : store.readFull(performanceId, known, withLayout);
    if (read instanceof SeatMapRead.Missing) {
      read = rebuild(performanceId);
      layout = layouts.cached(performanceId).orElseThrow();
      if (((SeatMapRead.Full) read).version() == known) {
        return new SeatMapView.NotModified(known);
      }
    }
    if (read instanceof SeatMapRead.Unchanged u) {
      return new SeatMapView.NotModified(u.version());
    }
    if (read instanceof SeatMapRead.Changes c) {
      return changes(c);
    }
    SeatMapRead.Full f = (SeatMapRead.Full) read;
    return full(f, layout != null ? layout : layouts.remember(performanceId, f.layoutJson()));
  }

  private SeatMapRead.Full rebuild(long performanceId) {
    return rebuilds.run(
        performanceId,
        () -> {
          SeatMapRebuilder.Rebuilt rebuilt = rebuilder.rebuild(performanceId);
          layouts.remember(performanceId, rebuilt.layout());
          return rebuilt.map();
        });
  }

  private static SeatMapView.Changes changes(SeatMapRead.Changes read) {
    return new SeatMapView.Changes(read.version(), read.changes());
  }

  private static SeatMapView.Full full(SeatMapRead.Full read, SeatLayout layout) {
    Set<Long> reserved = new HashSet<>(read.reservedSeatIds());
    Set<Long> held = new HashSet<>(read.heldSeatIds());
    List<MapSeat> seats = new ArrayList<>(layout.seats().size());
    for (SeatInfo seat : layout.seats()) {
      SeatStatus status =
          reserved.contains(seat.id())
              ? SeatStatus.RESERVED
              : held.contains(seat.id()) ? SeatStatus.HELD : SeatStatus.AVAILABLE;
      seats.add(MapSeat.of(seat, status));
    }
    return new SeatMapView.Full(read.version(), seats);
  }
}
