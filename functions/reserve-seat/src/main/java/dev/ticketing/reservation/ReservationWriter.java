package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes a reservation inside its strategy's transaction, after the seats were claimed: the
 * reservation and its seats. The reservation row is where a session's second reservation stops
 * ({@code uq_reservations_holder}): it rolls the transaction back as {@link
 * SessionAlreadyReserved}.
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

  public Reservation write(String strategy, NewReservation reservation) {
    try {
      rows.insertReservation(
          reservation.id(),
          reservation.performanceId(),
          reservation.holder(),
          LocalDateTime.ofInstant(reservation.reservedAt(), ZoneOffset.UTC),
          reservation.total(),
          LocalDateTime.ofInstant(reservation.expiresAt(), ZoneOffset.UTC));
    } catch (RuntimeException e) {
      // Only the session's key can refuse the row: its id is a new random UUID.
      if (LockFailures.isDuplicateKey(e)) {
        throw new SessionAlreadyReserved();
      }
      throw e;
    }
    try {
      rows.insertReservationSeats(
          reservation.id(), reservation.performanceId(), reservation.seatIds());
    } catch (RuntimeException e) {
      if (LockFailures.isDuplicateKey(e)) {
        backstop.record(strategy, reservation.performanceId(), reservation.seatIds());
        throw new ClaimLost(List.of());
      }
      throw e;
    }
    return reservation.made();
  }
}
