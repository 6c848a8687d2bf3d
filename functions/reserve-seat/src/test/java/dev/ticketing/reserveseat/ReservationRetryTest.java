package dev.ticketing.reserveseat;

import static dev.ticketing.testing.ApiResponses.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A buyer whose reservation succeeded but whose answer was lost retries: the retry must say the
 * seats are theirs, not that the session ended, and must reserve nothing more. And once the sale
 * has closed, nothing more is sold.
 */
class ReservationRetryTest {
  private static ApplicationContext ctx;
  private static ReserveCalls calls;
  private static ReservationAudit audit;

  private Performance performance;
  private List<Long> seats;
  private String token;

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.RESERVE_SEAT);
    calls = new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
    audit = ctx.getBean(ReservationAudit.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @BeforeEach
  void aBuyerInASession() {
    performance = TestPerformances.create(ctx, 1, 6);
    seats = StrategyTests.seatIds(ctx, performance);
    token = TestSessions.open(ctx, performance.id()).accessToken();
  }

  @Test
  void aRetryOfASuccessfulReservationGetsTheSameReservationBack() {
    APIGatewayProxyResponseEvent first =
        calls.reserve(performance.id(), token, List.of(seats.get(4), seats.get(2)));
    assertEquals(201, first.getStatusCode(), first.getBody());

    APIGatewayProxyResponseEvent retry =
        calls.reserve(performance.id(), token, List.of(seats.get(2), seats.get(4)));

    assertEquals(200, retry.getStatusCode(), retry.getBody());
    assertEquals(calls.body(first), calls.body(retry));
    assertEquals(1, audit.reservations(performance.id()));
    assertEquals(List.of(seats.get(2), seats.get(4)), audit.takenSeatIds(performance.id()));
  }

  @Test
  void aRetryForOtherSeatsAfterASuccessIsRefusedAsAnEndedSession() {
    assertEquals(201, calls.reserve(performance.id(), token, seats.subList(0, 1)).getStatusCode());

    assertError(403, "session_ended", calls.reserve(performance.id(), token, seats.subList(0, 2)));
    assertError(403, "session_ended", calls.reserve(performance.id(), token, seats.subList(1, 2)));
    assertEquals(List.of(seats.get(0)), audit.takenSeatIds(performance.id()));
  }

  @Test
  void anotherSessionsReservationIsNotReplayedToAnEndedSession() {
    assertEquals(201, calls.reserve(performance.id(), token, seats.subList(0, 1)).getStatusCode());
    String ended = TestSessions.tokenWithoutSession(ctx, performance.id());

    assertError(403, "session_ended", calls.reserve(performance.id(), ended, seats.subList(0, 1)));
  }

  @Test
  void afterTheSaleClosesAReservationIs410AndChangesNothing() {
    Instant now = Instant.now();
    Performance closed =
        TestPerformances.create(ctx, 1, 4, now.minus(Duration.ofDays(1)), now.minusSeconds(60));
    List<Long> closedSeats = StrategyTests.seatIds(ctx, closed);
    String closedToken = TestSessions.open(ctx, closed.id()).accessToken();

    APIGatewayProxyResponseEvent response =
        calls.reserve(closed.id(), closedToken, closedSeats.subList(0, 1));

    assertError(410, "sale_ended", response);
    assertEquals(0, audit.reservations(closed.id()));
    assertEquals(0, audit.takenSeats(closed.id()));
  }
}
