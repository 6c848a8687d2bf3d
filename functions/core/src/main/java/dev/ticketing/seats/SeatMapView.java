package dev.ticketing.seats;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The answer to a seat map request. */
public sealed interface SeatMapView {
  long version();

  /** The poller's version is current: 304, no body. */
  record NotModified(long version) implements SeatMapView {}

  /** {@code {"version", "changes"}}: only the seats changed since the poller's version. */
  @Serdeable
  record Changes(long version, List<SeatChange> changes) implements SeatMapView {}

  /**
   * The whole map, already serialized as {@link Full} serializes: one body shared by every reader
   * of its version.
   */
  record Serialized(long version, String json) implements SeatMapView {}

  /** {@code {"version", "seats"}}: the whole map. */
  @Serdeable
  record Full(long version, List<MapSeat> seats) implements SeatMapView {}
}
