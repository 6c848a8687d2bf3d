package dev.ticketing.reservation;

import dev.ticketing.seats.SeatInfo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A reservation as its answers show it: a hold ({@code HELD} until {@code expiresAt}), a confirmed
 * reservation with its tickets, or a hold that ended ({@code RELEASED}, {@code EXPIRED}; no seats
 * any more). {@code holdToken} confirms or releases it (in the hold's answer and its retry); {@code
 * tickets} once confirmed.
 */
@Serdeable
public record Reservation(
    String reservationId,
    long performanceId,
    ReservationStatus status,
    List<SeatInfo> seats,
    BigDecimal total,
    Instant reservedAt,
    @Nullable Instant expiresAt,
    @Nullable String holdToken,
    @Nullable List<Ticket> tickets) {

  public static Reservation held(
      String id,
      long performanceId,
      List<SeatInfo> seats,
      BigDecimal total,
      Instant reservedAt,
      Instant expiresAt) {
    return new Reservation(
        id, performanceId, ReservationStatus.HELD, seats, total, reservedAt, expiresAt, null, null);
  }

  public Reservation withHoldToken(String token) {
    return new Reservation(
        reservationId, performanceId, status, seats, total, reservedAt, expiresAt, token, tickets);
  }

  public Reservation withTickets(List<Ticket> issued) {
    return new Reservation(
        reservationId,
        performanceId,
        status,
        seats,
        total,
        reservedAt,
        expiresAt,
        holdToken,
        issued);
  }
}
