package dev.ticketing.bench.reservation;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.error.ApiException;
import dev.ticketing.reservation.Reservations;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reservation through the service the reserve-seat function runs (sold-seat check, strategy,
 * reservation rows, live map update, session end), each attempt as a buyer of its own. The HTTP
 * layer (token check, JSON) is left out: it costs the same for every strategy.
 */
final class StrategyAttempt implements Attempt {
  private static final AtomicLong TICKETS = new AtomicLong();

  private final Reservations reservations;

  StrategyAttempt(Reservations reservations) {
    this.reservations = reservations;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Result reserve(long performanceId, List<Long> seats) {
    AccessClaims buyer =
        new AccessClaims(
            performanceId,
            TICKETS.incrementAndGet(),
            UUID.randomUUID().toString(),
            Long.MAX_VALUE / 1000);
    try {
      reservations.reserve(performanceId, buyer, seats);
      return new Result(true, seats);
    } catch (ApiException e) {
      if (e.status().getCode() != 409) {
        throw e;
      }
      return new Result(false, (List<Long>) e.extra().get("seatIds"));
    }
  }
}
