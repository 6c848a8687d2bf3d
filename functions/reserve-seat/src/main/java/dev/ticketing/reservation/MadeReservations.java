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
 * The reservation a session has made (one at most: {@code uq_reservations_holder}), as its 201
 * showed it. A buyer whose reservation succeeded but whose answer was lost retries with the same
 * session: this is how the retry still learns that it succeeded. One indexed read when the session
 * has none, two when it has one.
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
        .map(
            row -> {
              SeatLayout layout = layouts.require(performanceId);
              List<SeatInfo> seats =
                  repository.findSeatIds(row.id()).stream().map(layout.byId()::get).toList();
              return new Reservation(row.id(), performanceId, seats, row.total(), row.createdAt());
            });
  }
}
