package dev.ticketing.reservation;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.AccessGate;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds seats for an admitted buyer under the configured lock strategy: all or nothing, at most
 * MAX_SEATS_PER_HOLDER seats, HELD for HOLD_TTL_SECONDS, one reservation per ticketing session
 * (MySQL's {@code uq_reservations_holder}); then shows the seats HELD on the live map and ends the
 * session (one Redis round trip before the transaction, one after). The answer carries the hold
 * token that confirms or releases the hold ({@link Holds}).
 *
 * <p>A request that meets its session's own committed reservation (a retry whose 201 was lost, a
 * double click, the retry of a request whose function died after the commit) gets that reservation
 * with 200 when it asked for exactly its seats, else 403 session_ended; either way the reservation
 * is settled in Redis on the way, so a settlement a dead function never ran is done by its retry
 * (docs/seats.md, "Crash consistency").
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class Reservations {
  private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);

  /** Best available's picks per request when MySQL finds the map behind it. */
  static final int BEST_AVAILABLE_TRIES = 3;

  private final SeatLockStrategy strategy;
  private final SoldSeats sold;
  private final MadeReservations made;
  private final SeatLayouts layouts;
  private final LiveSeatMap map;
  private final SettledAttempts settled;
  private final HoldTokens tokens;
  private final BlockPicker picker;
  private final Clock clock;
  private final int limit;
  private final Duration holdTtl;

  public Reservations(
      BeanContext beans,
      Settings settings,
      SoldSeats sold,
      MadeReservations made,
      SeatLayouts layouts,
      LiveSeatMap map,
      SettledAttempts settled,
      HoldTokens tokens,
      BlockPicker picker,
      Clock clock) {
    this.strategy =
        beans.getBean(
            SeatLockStrategy.class, Qualifiers.byName(settings.seats().lockStrategy().id()));
    this.sold = sold;
    this.made = made;
    this.layouts = layouts;
    this.map = map;
    this.settled = settled;
    this.tokens = tokens;
    this.picker = picker;
    this.clock = clock;
    this.limit = settings.seats().maxSeatsPerHolder();
    this.holdTtl = Duration.ofSeconds(settings.seats().holdTtlSeconds());
  }

  public String strategy() {
    return strategy.name();
  }

  public ReservationAnswer reserve(long performanceId, AccessClaims buyer, List<Long> seatIds) {
    List<SeatInfo> seats = seatsOf(performanceId, seatIds);
    if (seats.size() > limit) {
      throw exceeded();
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    NewReservation reservation =
        new NewReservation(
            UUID.randomUUID().toString(),
            performanceId,
            buyer.holder(),
            seats,
            now,
            now.plus(holdTtl));
    List<Long> ordered = reservation.seatIds();
    Optional<SoldSeats.OnMap> onMap = sold.onMap(performanceId, ordered);
    if (onMap.isPresent()) {
      // The map shows seats MySQL committed: perhaps this session's own, if its settlement never
      // ran.
      return sessionsOwn(performanceId, buyer, ordered)
          .map(ReservationAnswer::existing)
          .orElseThrow(
              () ->
                  conflict(
                      new SeatsUnavailableException(onMap.get().seatIds(), true),
                      onMap.get().version()));
    }
    Reservation reserved;
    try {
      reserved = strategy.reserve(reservation);
    } catch (SessionAlreadyReserved e) {
      return sessionsOwn(performanceId, buyer, ordered)
          .map(ReservationAnswer::existing)
          .orElseThrow(
              () -> new IllegalStateException("MySQL refused a second reservation of a session"));
    } catch (SeatsUnavailableException lost) {
      if (!lost.sessionChecked()) {
        Optional<Reservation> own = sessionsOwn(performanceId, buyer, ordered);
        if (own.isPresent()) {
          return ReservationAnswer.existing(own.get());
        }
      }
      throw conflict(performanceId, lost);
    }
    settle(performanceId, buyer.sessionId(), ordered);
    return ReservationAnswer.created(withToken(reserved));
  }

  /**
   * Best available: holds the best free block of {@code request.count()} adjacent seats (of the
   * grade asked, if any). The block is chosen on the live map and picked for this request in one
   * Redis step ({@link BlockPicker}), so concurrent requests get different blocks; MySQL's
   * conditional update under the lock strategy is the final check. When it says a picked seat is
   * taken (the map lagged behind MySQL), the seats go on the map and the next block is tried, up to
   * {@link #BEST_AVAILABLE_TRIES} times; then, or when no block is free, {@code 409
   * no_seats_together}.
   */
  public ReservationAnswer holdBest(
      long performanceId, AccessClaims buyer, BestAvailableRequest request) {
    if (request.count() > limit) {
      throw exceeded();
    }
    SeatLayout layout = layouts.require(performanceId);
    if (request.grade() != null
        && layout.seats().stream().noneMatch(s -> s.grade().equals(request.grade()))) {
      throw ApiException.badRequest(
          ErrorCode.INVALID_BODY, "There is no grade " + request.grade() + " in this performance.");
    }
    for (int attempt = 0; attempt < BEST_AVAILABLE_TRIES; attempt++) {
      List<Long> picked = picker.pick(performanceId, request.count(), request.grade());
      if (picked.isEmpty()) {
        break;
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      NewReservation reservation =
          new NewReservation(
              UUID.randomUUID().toString(),
              performanceId,
              buyer.holder(),
              seatsOf(performanceId, picked),
              now,
              now.plus(holdTtl));
      try {
        Reservation reserved = strategy.reserve(reservation);
        settle(performanceId, buyer.sessionId(), picked);
        picker.done(performanceId, picked);
        return ReservationAnswer.created(withToken(reserved));
      } catch (SessionAlreadyReserved e) {
        return sessionsOwnAny(performanceId, buyer)
            .map(ReservationAnswer::existing)
            .orElseThrow(
                () -> new IllegalStateException("MySQL refused a second reservation of a session"));
      } catch (SeatsUnavailableException lost) {
        if (!lost.sessionChecked()) {
          Optional<Reservation> own = sessionsOwnAny(performanceId, buyer);
          if (own.isPresent()) {
            return ReservationAnswer.existing(own.get());
          }
        }
        markLost(performanceId, lost);
      }
    }
    throw new ApiException(
        HttpStatus.CONFLICT,
        ErrorCode.NO_SEATS_TOGETHER,
        "No "
            + request.count()
            + " seats together are free"
            + (request.grade() == null ? "" : " in " + request.grade())
            + " right now. Try fewer seats, another grade, or choose on the map.");
  }

  /**
   * The session's reservation, whatever its seats, settled in Redis on the way (a best-available
   * retry cannot name its seats); empty when the session has none.
   */
  public Optional<Reservation> sessionsOwnAny(long performanceId, AccessClaims buyer) {
    Optional<Reservation> own = made.by(performanceId, buyer);
    own.ifPresent(
        r ->
            settle(
                performanceId, buyer.sessionId(), r.seats().stream().map(SeatInfo::id).toList()));
    return own.map(this::withToken);
  }

  private void markLost(long performanceId, SeatsUnavailableException lost) {
    try {
      settled.lost(performanceId, lost.sold() ? lost.seatIds() : List.of());
    } catch (RuntimeException e) {
      LOG.warn("seat map of performance {} not updated after a lost race", performanceId, e);
    }
  }

  /** The reservation with the token that confirms, releases or reads it. */
  private Reservation withToken(Reservation reservation) {
    Instant expires =
        reservation.expiresAt() != null ? reservation.expiresAt() : reservation.reservedAt();
    return reservation.withHoldToken(
        tokens.issue(reservation.performanceId(), reservation.reservationId(), expires));
  }

  /**
   * The session's committed reservation when it holds exactly {@code seatIds} (any order), settled
   * in Redis on the way; 403 session_ended when it holds other seats; empty when the session has
   * none.
   */
  public Optional<Reservation> sessionsOwn(
      long performanceId, AccessClaims buyer, List<Long> seatIds) {
    Optional<Reservation> own = made.by(performanceId, buyer);
    if (own.isEmpty()) {
      return own;
    }
    List<Long> ownSeats = own.get().seats().stream().map(SeatInfo::id).toList();
    settle(performanceId, buyer.sessionId(), ownSeats);
    if (ownSeats.isEmpty() || !ownSeats.equals(seatIds.stream().sorted().toList())) {
      throw AccessGate.sessionEnded();
    }
    return own.map(this::withToken);
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

  /**
   * Marks a committed reservation's seats on the live map and ends its session, in one round trip.
   * Best effort: the reservation is committed; if this does not happen, the retry or the advancer's
   * next tick does it.
   */
  private void settle(long performanceId, String sessionId, List<Long> seatIds) {
    try {
      settled.won(performanceId, sessionId, seatIds);
    } catch (RuntimeException e) {
      LOG.warn(
          "reservation of performance {} not settled in Redis (seat map, session); the retry or"
              + " the advancer settles it",
          performanceId,
          e);
    }
  }

  /** The 409, with a map version that shows the seats lost (marking them on the map on the way). */
  private ApiException conflict(long performanceId, SeatsUnavailableException lost) {
    long version;
    try {
      version = settled.lost(performanceId, lost.sold() ? lost.seatIds() : List.of());
    } catch (RuntimeException e) {
      LOG.warn("seat map of performance {} not updated after a lost race", performanceId, e);
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

  private ApiException exceeded() {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ErrorCode.LIMIT_EXCEEDED,
        "A buyer may reserve at most " + limit + " seats for a performance.",
        Map.of("limit", limit));
  }

  private static String describe(List<Long> seatIds) {
    return seatIds.size() == 1 ? "seat " + seatIds.get(0) : "seats " + seatIds;
  }
}
