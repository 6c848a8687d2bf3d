package dev.ticketing.reservation;

import java.util.List;

/**
 * A reservation lost: {@code seatIds} are the requested seats someone else has ({@code sold}: MySQL
 * says RESERVED) or was still holding when this request's wait for them ran out ({@code !sold}).
 */
public final class SeatsUnavailableException extends RuntimeException {
  private final List<Long> seatIds;
  private final boolean sold;

  public SeatsUnavailableException(List<Long> seatIds, boolean sold) {
    super((sold ? "seats taken: " : "seats busy: ") + seatIds, null, false, false);
    this.seatIds = List.copyOf(seatIds);
    this.sold = sold;
  }

  public List<Long> seatIds() {
    return seatIds;
  }

  public boolean sold() {
    return sold;
  }
}
