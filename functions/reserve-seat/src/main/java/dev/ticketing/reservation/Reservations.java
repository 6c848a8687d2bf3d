package dev.ticketing.reservation;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayout;
import dev.ticketing.seats.SeatLayouts;
import dev.ticketing.settings.Settings;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves seats for an admitted buyer under the configured lock strategy: all or nothing, at most
 * MAX_SEATS_PER_HOLDER per holder, then shows the seats on the live map and ends the buyer's
 * session (one Redis round trip before the transaction, one after). The holder is the ticketing
 * session (see docs/seats.md).
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class Reservations {
  private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);

  private final SeatLockStrategy strategy;
  private final HolderLimits limits;
  private final SeatLayouts layouts;
  private final LiveSeatMap map;
  private final SettledAttempts settled;
  private final Clock clock;

  public Reservations(
      BeanContext beans,
      Settings settings,
      HolderLimits limits,
      SeatLayouts layouts,
      LiveSeatMap map,
      SettledAttempts settled,
      Clock clock) {
    this.strategy =
        beans.getBean(
            SeatLockStrategy.class, Qualifiers.byName(settings.seats().lockStrategy().id()));
    this.limits = limits;
    this.layouts = layouts;
    this.map = map;
    this.settled = settled;
    this.clock = clock;
  }

  public String strategy() {
    return strategy.name();
  }

  public Reservation reserve(long performanceId, AccessClaims buyer, List<Long> seatIds) {
    List<SeatInfo> seats = seatsOf(performanceId, seatIds);
    NewReservation reservation =
        new NewReservation(
            UUID.randomUUID().toString(),
            performanceId,
            buyer.holder(),
            seats,
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    List<Long> ordered = reservation.seatIds();
    HolderLimits.SoldOnMap sold = limits.claim(performanceId, buyer, ordered);
    if (sold != null) {
      throw conflict(new SeatsUnavailableException(sold.seatIds(), true), sold.version());
    }
    Reservation made;
    try {
      made = strategy.reserve(reservation);
    } catch (SeatsUnavailableException e) {
      throw conflict(performanceId, buyer, seats.size(), e);
    } catch (RuntimeException | Error e) {
      refund(performanceId, buyer, seats.size());
      throw e;
    }
    afterCommit(performanceId, buyer, ordered);
    return made;
  }

  /** The requested seats in ascending id order; 400 naming those not of this performance. */
  private List<SeatInfo> seatsOf(long performanceId, List<Long> seatIds) {
    SeatLayout layout = layouts.require(performanceId);
    List<SeatInfo> seats = new ArrayList<>(seatIds.size());
    List<Long> unknown = new ArrayList<>();
    for (long id : seatIds) {
      SeatInfo seat = layout.byId().get(id);
      if (seat == null) {
        unknown.add(id);
      } else {
        seats.add(seat);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          ErrorCode.UNKNOWN_SEATS,
          "No seats " + unknown + " in performance " + performanceId + ".",
          Map.of("seatIds", unknown));
    }
    seats.sort((a, b) -> Long.compare(a.id(), b.id()));
    return seats;
  }

  private void refund(long performanceId, AccessClaims buyer, int seats) {
    try {
      limits.refund(performanceId, buyer, seats);
    } catch (RuntimeException e) {
      LOG.warn(
          "holder count of performance {} not refunded; it ends with the session",
          performanceId,
          e);
    }
  }

  /** Marks the seats on the live map and ends the buyer's session, in one round trip. */
  private void afterCommit(long performanceId, AccessClaims buyer, List<Long> seatIds) {
    try {
      settled.won(performanceId, buyer, seatIds);
    } catch (RuntimeException e) {
      LOG.warn(
          "seat map of performance {} not updated, session not ended; readers rebuild the map,"
              + " the session expires",
          performanceId,
          e);
    }
  }

  /**
   * The 409, with a map version that shows the seats lost; marking them on the map and giving back
   * the holder's claim take one round trip.
   */
  private ApiException conflict(
      long performanceId, AccessClaims buyer, int claimed, SeatsUnavailableException lost) {
    long version;
    try {
      version =
          settled.lost(performanceId, buyer, claimed, lost.sold() ? lost.seatIds() : List.of());
    } catch (RuntimeException e) {
      LOG.warn(
          "holder count of performance {} not refunded; it ends with the session",
          performanceId,
          e);
      return conflict(lost, map.versionInDatabase(performanceId));
    }
    if (version < 0) {
      try {
        version = map.rebuildVersion(performanceId);
      } catch (RuntimeException e) {
        version = map.versionInDatabase(performanceId);
      }
    }
    return conflict(lost, version);
  }

  private static ApiException conflict(SeatsUnavailableException lost, long version) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("seatIds", lost.seatIds());
    extra.put("version", version);
    return new ApiException(
        HttpStatus.CONFLICT,
        ErrorCode.SEAT_UNAVAILABLE,
        lost.sold()
            ? "Someone else has just reserved " + describe(lost.seatIds()) + "."
            : "Someone else is reserving " + describe(lost.seatIds()) + " right now.",
        extra);
  }

  private static String describe(List<Long> seatIds) {
    return seatIds.size() == 1 ? "seat " + seatIds.get(0) : "seats " + seatIds;
  }
}
