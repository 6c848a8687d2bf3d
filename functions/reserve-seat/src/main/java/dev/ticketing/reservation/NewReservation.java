package dev.ticketing.reservation;

import dev.ticketing.seats.SeatInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A hold about to be made: its id, its holder and its seats (distinct, ascending id, of the
 * performance), what every lock strategy writes once it has the seats. The seat ids and the total
 * are worked out once: the request path asks for them several times.
 */
public final class NewReservation {
  private final String id;
  private final long performanceId;
  private final String holder;
  private final List<SeatInfo> seats;
  private final List<Long> seatIds;
  private final BigDecimal total;
  private final Instant reservedAt;
  private final Instant expiresAt;

  public NewReservation(
      String id,
      long performanceId,
      String holder,
      List<SeatInfo> seats,
      Instant reservedAt,
      Instant expiresAt) {
    this.id = id;
    this.performanceId = performanceId;
    this.holder = holder;
    this.seats = List.copyOf(seats);
    this.seatIds = this.seats.stream().map(SeatInfo::id).toList();
    this.total = this.seats.stream().map(SeatInfo::price).reduce(BigDecimal.ZERO, BigDecimal::add);
    this.reservedAt = reservedAt;
    this.expiresAt = expiresAt;
  }

  public String id() {
    return id;
  }

  public long performanceId() {
    return performanceId;
  }

  public String holder() {
    return holder;
  }

  public List<SeatInfo> seats() {
    return seats;
  }

  public List<Long> seatIds() {
    return seatIds;
  }

  public BigDecimal total() {
    return total;
  }

  public Instant reservedAt() {
    return reservedAt;
  }

  /** Until when the hold keeps its seats unless confirmed. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** As the 201 shows it, once committed (without its hold token). */
  public Reservation made() {
    return Reservation.held(id, performanceId, seats, total, reservedAt, expiresAt);
  }
}
