package dev.ticketing.reservation;

/**
 * What a reservation request gets: a reservation it made ({@code created}: 201), or the one its
 * session had already made of the same seats (200: a retry, a double click, the retry of a request
 * whose function died after the commit).
 */
public record ReservationAnswer(Reservation reservation, boolean created) {

  static ReservationAnswer created(Reservation reservation) {
    return new ReservationAnswer(reservation, true);
  }

  static ReservationAnswer existing(Reservation reservation) {
    return new ReservationAnswer(reservation, false);
  }
}
