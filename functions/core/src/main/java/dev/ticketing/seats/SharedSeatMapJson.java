package dev.ticketing.seats;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole seat map of each performance's latest version seen, serialized once and shared by every
 * reader of that version (issue 19: a full read rebuilt and re-serialized 48 KB for each reader).
 * Two maps of equal version hold the same seats ({@link LiveSeatMap}), so a kept body is right for
 * as long as the version is current.
 */
final class SharedSeatMapJson {
  private final JsonMapper json;
  private final ConcurrentHashMap<Long, SeatMapView.Serialized> latest = new ConcurrentHashMap<>();

  SharedSeatMapJson(JsonMapper json) {
    this.json = json;
  }

  /** The body kept for {@code performanceId}, or null. */
  SeatMapView.Serialized latest(long performanceId) {
    return latest.get(performanceId);
  }

  /** {@code map} serialized (once per version) and kept unless a newer version is kept already. */
  SeatMapView.Serialized share(long performanceId, SeatMapView.Full map) {
    SeatMapView.Serialized kept = latest.get(performanceId);
    if (kept != null && kept.version() == map.version()) {
      return kept;
    }
    SeatMapView.Serialized body = new SeatMapView.Serialized(map.version(), serialize(map));
    latest.merge(
        performanceId, body, (old, fresh) -> old.version() >= fresh.version() ? old : fresh);
    return body;
  }

  private String serialize(SeatMapView.Full map) {
    try {
      return json.writeValueAsString(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
