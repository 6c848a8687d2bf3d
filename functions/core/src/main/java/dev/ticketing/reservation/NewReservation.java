package dev.ticketing.reservation;

import dev.ticketing.seats.SeatInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A reservation about to be made: its id, its holder and its seats (distinct, ascending id, of the
 * performance), what every lock strategy writes once it has the seats.
 */
public record NewReservation(
    String id, long performanceId, String holder, List<SeatInfo> seats, Instant reservedAt) {

  public NewReservation {
    seats = List.copyOf(seats);
  }

  public List<Long> seatIds() {
    return seats.stream().map(SeatInfo::id).toList();
  }

  public BigDecimal total() {
    return seats.stream().map(SeatInfo::price).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** As the 201 shows it, once committed. */
  public Reservation made() {
    return new Reservation(id, performanceId, seats, total(), reservedAt);
  }
}
