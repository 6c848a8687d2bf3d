package dev.ticketing.reservation;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.holds.HoldEnd;
import dev.ticketing.holds.HoldEndings;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatMapStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hold token can do with its hold: confirm it (name and e-mail; its seats RESERVED, one
 * signed ticket per seat), release it (its seats back to everyone), or read it. Confirm is
 * idempotent (a retry returns the same tickets); confirming a hold that expired or was released is
 * {@code 410 hold_expired}. A confirm racing the hold's expiry is decided by one conditional update
 * of the reservation's row: one of them wins, never both (docs/seats.md, "Holds").
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class Holds {
  private static final Logger LOG = LoggerFactory.getLogger(Holds.class);

  private final TransactionOperations<Connection> transactions;
  private final ConfirmationRepository confirmations;
  private final MadeReservations made;
  private final HoldEndings endings;
  private final SeatMapStore map;
  private final TicketCodes codes;
  private final Clock clock;

  public Holds(
      TransactionOperations<Connection> transactions,
      ConfirmationRepository confirmations,
      MadeReservations made,
      HoldEndings endings,
      SeatMapStore map,
      TicketCodes codes,
      Clock clock) {
    this.transactions = transactions;
    this.confirmations = confirmations;
    this.made = made;
    this.endings = endings;
    this.map = map;
    this.codes = codes;
    this.clock = clock;
  }

  /** Confirms the hold; the confirmed reservation with its tickets (the same on every retry). */
  public Reservation confirm(long performanceId, String reservationId, BuyerDetails buyer) {
    Instant now = clock.instant();
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    boolean confirmed =
        transactions.executeWrite(
            status -> {
              if (confirmations.confirm(
                      reservationId, performanceId, buyer.name(), buyer.email(), at)
                  == 0) {
                return false;
              }
              confirmations.reserveSeatsOf(reservationId);
              return true;
            });
    Reservation reservation = read(performanceId, reservationId);
    if (reservation.status() != ReservationStatus.CONFIRMED) {
      throw holdExpired(reservation);
    }
    if (confirmed) {
      showReserved(performanceId, reservation);
    }
    return withTickets(reservation);
  }

  /**
   * Releases the hold: its seats are AVAILABLE again for everyone. Releasing a hold that already
   * ended changes nothing; a confirmed reservation is {@code 409 already_confirmed}.
   */
  public void release(long performanceId, String reservationId) {
    if (endings.end(performanceId, reservationId, HoldEnd.RELEASED, clock.instant()).isPresent()) {
      return;
    }
    Reservation reservation = read(performanceId, reservationId);
    if (reservation.status() == ReservationStatus.CONFIRMED) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          ErrorCode.ALREADY_CONFIRMED,
          "This reservation is confirmed; its tickets are issued and it cannot be released.");
    }
  }

  /** The reservation as it is now, with its tickets once confirmed. */
  public Reservation view(long performanceId, String reservationId) {
    Reservation reservation = read(performanceId, reservationId);
    return reservation.status() == ReservationStatus.CONFIRMED
        ? withTickets(reservation)
        : reservation;
  }

  private Reservation read(long performanceId, String reservationId) {
    return made.byId(performanceId, reservationId)
        .orElseThrow(() -> ApiException.notFound("There is no reservation " + reservationId + "."));
  }

  private Reservation withTickets(Reservation reservation) {
    List<Ticket> tickets =
        reservation.seats().stream()
            .map(
                seat -> {
                  String code =
                      codes.issue(
                          reservation.performanceId(), seat.id(), reservation.reservationId());
                  return new Ticket(seat.id(), code, QrCodes.svgDataUrl(code));
                })
            .toList();
    return reservation.withTickets(tickets);
  }

  /** Best effort: the advancer's map check shows the confirmation if this does not. */
  private void showReserved(long performanceId, Reservation reservation) {
    List<Long> seatIds = reservation.seats().stream().map(SeatInfo::id).toList();
    try {
      map.mark(performanceId, SeatMapStore.Mark.RESERVED, seatIds);
    } catch (RuntimeException e) {
      LOG.warn(
          "confirmed seats {} of performance {} not shown on the live map; the advancer's map"
              + " check does it",
          seatIds,
          performanceId,
          e);
    }
  }

  private static ApiException holdExpired(Reservation reservation) {
    String how =
        switch (reservation.status()) {
          case RELEASED -> "was released";
          default -> "has expired";
        };
    return new ApiException(
        HttpStatus.GONE,
        ErrorCode.HOLD_EXPIRED,
        "This hold "
            + how
            + ": its seats went back on sale. Join the queue again to choose seats.");
  }
}
