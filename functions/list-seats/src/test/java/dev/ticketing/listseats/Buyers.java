package dev.ticketing.listseats;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.List;

/**
 * Buyers who reserve through the reserve-seat function's own service (its context, the same
 * stores), so the seat map tests see what a real reservation does to the live map.
 */
final class Buyers implements AutoCloseable {
  private final ApplicationContext reserveSeat =
      TestStores.context(FunctionEnvironments.RESERVE_SEAT);

  Reservation reserve(long performanceId, List<Long> seatIds) {
    TestSessions.Session session = TestSessions.open(reserveSeat, performanceId);
    AccessClaims buyer =
        new AccessClaims(
            performanceId,
            session.ticketNumber(),
            session.sessionId(),
            Instant.now().plusSeconds(300).getEpochSecond());
    return reserveSeat
        .getBean(Reservations.class)
        .reserve(performanceId, buyer, seatIds)
        .reservation();
  }

  @Override
  public void close() {
    reserveSeat.close();
  }
}
