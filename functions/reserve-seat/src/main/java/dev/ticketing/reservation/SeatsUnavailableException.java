package dev.ticketing.reservation;

import java.util.List;

/**
 * A reservation lost: {@code seatIds} are the requested seats someone else has ({@code sold}: MySQL
 * says RESERVED) or was still holding when this request's wait for them ran out ({@code !sold}).
 * {@code sessionChecked}: MySQL, deciding the loss, also saw that the request's session has no
 * reservation (the {@code atomic} procedure looks); otherwise the seats may be held by the
 * session's own reservation, and the caller must ask.
 */
public final class SeatsUnavailableException extends RuntimeException {
  private final List<Long> seatIds;
  private final boolean sold;
  private final boolean sessionChecked;

  public SeatsUnavailableException(List<Long> seatIds, boolean sold) {
    this(seatIds, sold, false);
  }

  public SeatsUnavailableException(List<Long> seatIds, boolean sold, boolean sessionChecked) {
    super((sold ? "seats taken: " : "seats busy: ") + seatIds, null, false, false);
    this.seatIds = List.copyOf(seatIds);
    this.sold = sold;
    this.sessionChecked = sessionChecked;
  }

  public List<Long> seatIds() {
    return seatIds;
  }

  public boolean sold() {
    return sold;
  }

  public boolean sessionChecked() {
    return sessionChecked;
  }
}
