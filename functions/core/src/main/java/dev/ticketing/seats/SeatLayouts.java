package dev.ticketing.seats;

import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layouts of performances this function has seen, kept in memory: a layout never changes once
 * its performance exists, so after the first request only seat statuses cross the network.
 */
@Singleton
@Requires(env = {FunctionEnvironments.LIST_SEATS, FunctionEnvironments.RESERVE_SEAT})
public class SeatLayouts {
  static final int MAX_CACHED = 64;

  private final Map<Long, SeatLayout> cache = new ConcurrentHashMap<>();
  private final SingleFlight<Long, SeatLayout> loads = new SingleFlight<>();
  private final SeatMapStore store;
  private final SeatMapRebuilder rebuilder;

  public SeatLayouts(SeatMapStore store, SeatMapRebuilder rebuilder) {
    this.store = store;
    this.rebuilder = rebuilder;
  }

  public Optional<SeatLayout> cached(long performanceId) {
    return Optional.ofNullable(cache.get(performanceId));
  }

  /** The layout from memory, else from Redis, else from MySQL (which also rebuilds the map). */
  public SeatLayout require(long performanceId) {
    SeatLayout layout = cache.get(performanceId);
    if (layout != null) {
      return layout;
    }
    return loads.run(performanceId, () -> load(performanceId));
  }

  private SeatLayout load(long performanceId) {
    String stored = store.layoutJson(performanceId);
    return remember(
        performanceId,
        stored != null ? rebuilder.parse(stored) : rebuilder.rebuild(performanceId).layout());
  }

  public SeatLayout remember(long performanceId, String layoutJson) {
    return remember(performanceId, rebuilder.parse(layoutJson));
  }

  public SeatLayout remember(long performanceId, SeatLayout layout) {
    if (cache.size() >= MAX_CACHED && !cache.containsKey(performanceId)) {
      cache.clear();
    }
    cache.put(performanceId, layout);
    return layout;
  }
}
