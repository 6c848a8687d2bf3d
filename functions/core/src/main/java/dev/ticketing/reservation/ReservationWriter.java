package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.seats.SeatInfo;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes a reservation inside its strategy's transaction, after the seats were claimed: the
 * reservation and its seats.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReservationWriter {
  private final ReservationRowRepository rows;
  private final BackstopViolations backstop;

  public ReservationWriter(ReservationRowRepository rows, BackstopViolations backstop) {
    this.rows = rows;
    this.backstop = backstop;
  }

  public Reservation write(
      String strategy,
      String reservationId,
      long performanceId,
      String holder,
      List<SeatInfo> seats,
      Instant reservedAt) {
    List<Long> seatIds = seats.stream().map(SeatInfo::id).toList();
    BigDecimal total = seats.stream().map(SeatInfo::price).reduce(BigDecimal.ZERO, BigDecimal::add);
    rows.insertReservation(
        reservationId,
        performanceId,
        holder,
        LocalDateTime.ofInstant(reservedAt, ZoneOffset.UTC),
        total);
    try {
      rows.insertReservationSeats(reservationId, performanceId, seatIds);
    } catch (RuntimeException e) {
      if (LockFailures.isDuplicateKey(e)) {
        backstop.record(strategy, performanceId, seatIds);
        throw new ClaimLost(List.of());
      }
      throw e;
    }
    return new Reservation(reservationId, performanceId, seats, total, reservedAt);
  }
}
