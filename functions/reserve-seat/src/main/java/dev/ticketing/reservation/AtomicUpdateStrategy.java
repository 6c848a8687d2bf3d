package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.settings.LockStrategy;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * {@code atomic}: no explicit lock. One conditional {@code UPDATE ... SET status = 'HELD' WHERE id
 * IN (...) AND status = 'AVAILABLE'}; unless it changed every requested seat, the transaction rolls
 * back, else the reservation rows follow in it. Nothing has to happen in the service between those
 * statements, so the whole transaction is one stored procedure: one round trip instead of six
 * (docs/seats.md).
 */
@Singleton
@Named(LockStrategy.Ids.ATOMIC)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class AtomicUpdateStrategy implements SeatLockStrategy {

  /** The seat parameters of {@code hold_seats_for_session}. */
  static final int MAX_SEATS = 4;

  /** How the procedure answers when the session already has a reservation. */
  private static final String SESSION_RESERVED = "reserved:";

  private final ConnectionOperations<Connection> connections;
  private final AtomicReservationRepository procedure;
  private final SeatClaims claims;
  private final BackstopViolations backstop;

  public AtomicUpdateStrategy(
      ConnectionOperations<Connection> connections,
      AtomicReservationRepository procedure,
      SeatClaims claims,
      BackstopViolations backstop) {
    this.connections = connections;
    this.procedure = procedure;
    this.claims = claims;
    this.backstop = backstop;
  }

  @Override
  public String name() {
    return LockStrategy.ATOMIC.id();
  }

  @Override
  public Reservation reserve(NewReservation reservation) {
    List<Long> seatIds = reservation.seatIds();
    if (seatIds.size() > MAX_SEATS) {
      throw new IllegalArgumentException("at most " + MAX_SEATS + " seats, got " + seatIds);
    }
    String lostSeats;
    try {
      // A write connection: the call reads an answer, and Micronaut Data would otherwise open a
      // read-only one, on which the procedure's writes fail.
      lostSeats =
          connections.executeWrite(
              connection ->
                  procedure.reserveAvailableSeats(
                      reservation.id(),
                      reservation.performanceId(),
                      reservation.holder(),
                      LocalDateTime.ofInstant(reservation.reservedAt(), ZoneOffset.UTC),
                      LocalDateTime.ofInstant(reservation.expiresAt(), ZoneOffset.UTC),
                      reservation.total(),
                      seat(seatIds, 0),
                      seat(seatIds, 1),
                      seat(seatIds, 2),
                      seat(seatIds, 3)));
    } catch (RuntimeException e) {
      if (LockFailures.isDuplicateKey(e)) {
        backstop.record(name(), reservation.performanceId(), seatIds);
      } else if (!LockFailures.isLockFailure(e)) {
        throw e;
      }
      throw claims.lost(reservation.performanceId(), seatIds, seatIds);
    }
    if (lostSeats == null) {
      return reservation.made();
    }
    if (lostSeats.startsWith(SESSION_RESERVED)) {
      throw new SessionAlreadyReserved();
    }
    throw lost(lostSeats, seatIds);
  }

  /** A loss the procedure decided, having seen that the session has no reservation. */
  private static SeatsUnavailableException lost(String lostSeats, List<Long> requested) {
    if (lostSeats.isEmpty()) {
      return new SeatsUnavailableException(requested, false, true);
    }
    return new SeatsUnavailableException(
        Arrays.stream(lostSeats.split(",")).map(Long::valueOf).toList(), true, true);
  }

  private static Long seat(List<Long> seatIds, int i) {
    return i < seatIds.size() ? seatIds.get(i) : null;
  }
}
