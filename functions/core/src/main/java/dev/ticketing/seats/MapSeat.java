package dev.ticketing.seats;

import dev.ticketing.catalog.SeatStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** A seat as the seat map shows it. */
@Serdeable
public record MapSeat(
    long id,
    String zone,
    String row,
    int number,
    String grade,
    BigDecimal price,
    SeatStatus status) {

  static MapSeat of(SeatInfo seat, SeatStatus status) {
    return new MapSeat(
        seat.id(), seat.zone(), seat.row(), seat.number(), seat.grade(), seat.price(), status);
  }
}
