package dev.ticketing.reservation;

import java.util.List;
import java.util.function.Supplier;

/**
 * A strategy that claims the seats from the service, statement by statement, and writes the
 * reservation inside the transaction its claim holds.
 */
abstract class ClaimThenWrite implements SeatLockStrategy {
  private final ReservationWriter writer;

  ClaimThenWrite(ReservationWriter writer) {
    this.writer = writer;
  }

  @Override
  public final Reservation reserve(NewReservation reservation) {
    return claim(
        reservation.performanceId(),
        reservation.seatIds(),
        () -> writer.write(name(), reservation));
  }

  /**
   * Claims {@code seatIds} (distinct, ascending, of the performance) and marks them HELD, then runs
   * {@code inside} in the same transaction and commits.
   *
   * @throws SeatsUnavailableException naming the seats lost; nothing was changed
   */
  abstract <T> T claim(long performanceId, List<Long> seatIds, Supplier<T> inside);
}
