package dev.ticketing.reservation;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayout;
import dev.ticketing.seats.SeatLayouts;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * A reservation as its answers show it, read back from MySQL: the one a session has made (one at
 * most: {@code uq_reservations_holder}; a buyer whose answer was lost retries with the same
 * session: this is how the retry still learns that it succeeded), or one by its id. One indexed
 * read when there is none, two when there is one. A hold that ended has no seats any more.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class MadeReservations {
  private final MadeReservationRepository repository;
  private final SeatLayouts layouts;

  public MadeReservations(MadeReservationRepository repository, SeatLayouts layouts) {
    this.repository = repository;
    this.layouts = layouts;
  }

  public Optional<Reservation> by(long performanceId, AccessClaims buyer) {
    return repository
        .findByHolder(performanceId, buyer.holder())
        .map(row -> reservation(performanceId, row));
  }

  public Optional<Reservation> byId(long performanceId, String reservationId) {
    return repository
        .findById(reservationId, performanceId)
        .map(row -> reservation(performanceId, row));
  }

  private Reservation reservation(long performanceId, MadeReservationRepository.Row row) {
    SeatLayout layout = layouts.require(performanceId);
    List<SeatInfo> seats =
        repository.findSeatIds(row.id()).stream().map(layout.byId()::get).toList();
    return new Reservation(
        row.id(),
        performanceId,
        row.status(),
        seats,
        row.total(),
        row.createdAt(),
        row.expiresAt(),
        null,
        null);
  }
}
