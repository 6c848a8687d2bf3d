package dev.ticketing.seats;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** A seat as the seat map shows it. */
@Serdeable
public record MapSeat(
    long id, String zone, String row, int number, String grade, BigDecimal price, String status) {

  static MapSeat of(SeatInfo seat, String status) {
    return new MapSeat(
        seat.id(), seat.zone(), seat.row(), seat.number(), seat.grade(), seat.price(), status);
  }
}
