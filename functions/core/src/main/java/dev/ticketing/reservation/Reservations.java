package dev.ticketing.reservation;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.config.Settings;
import dev.ticketing.error.ApiException;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayout;
import dev.ticketing.seats.SeatLayouts;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
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
 * session. The holder is the ticketing session (see docs/seats.md).
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class Reservations {
  private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);

  private final SeatLockStrategy strategy;
  private final ReservationWriter writer;
  private final HolderLimits limits;
  private final SeatLayouts layouts;
  private final LiveSeatMap map;
  private final SessionRegistry sessions;
  private final Clock clock;

  public Reservations(
      BeanContext beans,
      Settings settings,
      ReservationWriter writer,
      HolderLimits limits,
      SeatLayouts layouts,
      LiveSeatMap map,
      SessionRegistry sessions,
      Clock clock) {
    this.strategy =
        beans.getBean(SeatLockStrategy.class, Qualifiers.byName(settings.lockStrategy()));
    this.writer = writer;
    this.limits = limits;
    this.layouts = layouts;
    this.map = map;
    this.sessions = sessions;
    this.clock = clock;
  }

  public String strategy() {
    return strategy.name();
  }

  public Reservation reserve(long performanceId, AccessClaims buyer, List<Long> seatIds) {
    List<SeatInfo> seats = seatsOf(performanceId, seatIds);
    List<Long> ordered = seats.stream().map(SeatInfo::id).toList();
    String reservationId = UUID.randomUUID().toString();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    limits.claim(performanceId, buyer, seats.size());
    Reservation reservation;
    boolean reserved = false;
    try {
      reservation =
          strategy.reserve(
              performanceId,
              ordered,
              () ->
                  writer.write(
                      strategy.name(), reservationId, performanceId, holder(buyer), seats, now));
      reserved = true;
    } catch (SeatsUnavailableException e) {
      throw conflict(performanceId, e);
    } finally {
      if (!reserved) {
        refund(performanceId, buyer, seats.size());
      }
    }
    afterCommit(performanceId, buyer, ordered);
    return reservation;
  }

  /** A holder is one ticketing session: one admission through the waiting room. */
  static String holder(AccessClaims buyer) {
    return buyer.sessionId();
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
          "unknown_seats",
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

  private void afterCommit(long performanceId, AccessClaims buyer, List<Long> seatIds) {
    try {
      map.markReserved(performanceId, seatIds, false);
    } catch (RuntimeException e) {
      LOG.warn("seat map of performance {} not updated; readers rebuild it", performanceId, e);
    }
    try {
      sessions.end(performanceId, buyer.sessionId());
    } catch (RuntimeException e) {
      LOG.warn("session of performance {} not ended; it expires", performanceId, e);
    }
  }

  private ApiException conflict(long performanceId, SeatsUnavailableException lost) {
    long version;
    try {
      version =
          lost.sold()
              ? map.markReserved(performanceId, lost.seatIds(), true)
              : map.markReserved(performanceId, List.of(), true);
    } catch (RuntimeException e) {
      version = map.versionInDatabase(performanceId);
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("seatIds", lost.seatIds());
    extra.put("version", version);
    return new ApiException(
        HttpStatus.CONFLICT,
        "seat_unavailable",
        lost.sold()
            ? "Someone else has just reserved " + describe(lost.seatIds()) + "."
            : "Someone else is reserving " + describe(lost.seatIds()) + " right now.",
        extra);
  }

  private static String describe(List<Long> seatIds) {
    return seatIds.size() == 1 ? "seat " + seatIds.get(0) : "seats " + seatIds;
  }
}
