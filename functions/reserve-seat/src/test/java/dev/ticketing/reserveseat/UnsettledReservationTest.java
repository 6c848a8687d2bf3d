package dev.ticketing.reserveseat;

import static dev.ticketing.testing.ApiResponses.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.MapSeat;
import dev.ticketing.seats.SeatMapStore;
import dev.ticketing.seats.SeatMapView;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reservation MySQL committed whose Redis step never ran: the function died (a Lambda timeout, a
 * recycled instance, a killed gateway) between the commit and the map update and session end. Each
 * test commits through the strategy alone, which is exactly what such a request leaves behind. The
 * buyer's documented retry (same token, same seats) must learn the reservation with 200 and put it
 * on the map, and the session must not reserve again, whatever Redis still says. For every lock
 * strategy.
 */
class UnsettledReservationTest {
  private static final Map<String, ApplicationContext> CONTEXTS = new HashMap<>();

  static Stream<String> strategies() {
    return StrategyTests.strategies();
  }

  private static synchronized ApplicationContext context(String strategy) {
    return CONTEXTS.computeIfAbsent(
        strategy,
        s -> TestStores.context(FunctionEnvironments.RESERVE_SEAT, Map.of("LOCK_STRATEGY", s)));
  }

  @AfterAll
  static void stop() {
    CONTEXTS.values().forEach(ApplicationContext::close);
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void theRetryOfAReservationWhoseRedisStepNeverRanGets200AndSettlesIt(String strategy) {
    ApplicationContext ctx = context(strategy);
    Performance performance = TestPerformances.create(ctx, 1, 6);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    LiveSeatMap map = ctx.getBean(LiveSeatMap.class);
    map.full(performance.id(), LiveSeatMap.NO_VERSION);
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    Reservation committed =
        commitWithoutRedis(ctx, strategy, performance, session, seats.get(1), seats.get(3));

    APIGatewayProxyResponseEvent retry =
        calls(ctx)
            .reserve(performance.id(), session.accessToken(), List.of(seats.get(3), seats.get(1)));

    assertEquals(200, retry.getStatusCode(), retry.getBody());
    assertEquals(committed.reservationId(), calls(ctx).body(retry).get("reservationId"));
    assertReservedOnMap(map, performance, List.of(seats.get(1), seats.get(3)));
    assertFalse(
        ctx.getBean(SessionRegistry.class).isActive(performance.id(), session.sessionId()),
        "the session still runs");
    assertEquals(1, ctx.getBean(ReservationAudit.class).reservations(performance.id()));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void aSessionWhoseReservationCommittedCannotReserveOtherSeats(String strategy) {
    ApplicationContext ctx = context(strategy);
    Performance performance = TestPerformances.create(ctx, 1, 6);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    commitWithoutRedis(ctx, strategy, performance, session, seats.get(0));

    APIGatewayProxyResponseEvent again =
        calls(ctx).reserve(performance.id(), session.accessToken(), List.of(seats.get(4)));

    assertError(403, "session_ended", again);
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(1, audit.reservations(performance.id()));
    assertEquals(List.of(seats.get(0)), audit.takenSeatIds(performance.id()));
  }

  /**
   * Another buyer's request for one of the seats lost and put it on the map, so the retry is
   * refused from the map before MySQL: it must still learn that the seats are its own.
   */
  @ParameterizedTest
  @MethodSource("strategies")
  void theRetryGets200WhenTheMapAlreadyShowsItsSeats(String strategy) {
    ApplicationContext ctx = context(strategy);
    Performance performance = TestPerformances.create(ctx, 1, 6);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    LiveSeatMap map = ctx.getBean(LiveSeatMap.class);
    map.full(performance.id(), LiveSeatMap.NO_VERSION);
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    Reservation committed = commitWithoutRedis(ctx, strategy, performance, session, seats.get(2));
    map.mark(performance.id(), SeatMapStore.Mark.HELD, List.of(seats.get(2)), false);

    APIGatewayProxyResponseEvent retry =
        calls(ctx).reserve(performance.id(), session.accessToken(), List.of(seats.get(2)));

    assertEquals(200, retry.getStatusCode(), retry.getBody());
    assertEquals(committed.reservationId(), calls(ctx).body(retry).get("reservationId"));
    assertFalse(ctx.getBean(SessionRegistry.class).isActive(performance.id(), session.sessionId()));
  }

  /**
   * A reservation committed just before the sale closed: its retry after the close still learns it.
   */
  @ParameterizedTest
  @MethodSource("strategies")
  void theRetryGets200AfterTheSaleClosed(String strategy) {
    ApplicationContext ctx = context(strategy);
    Instant now = Instant.now();
    Performance closed =
        TestPerformances.create(ctx, 1, 4, now.minus(Duration.ofDays(1)), now.minusSeconds(1));
    List<Long> seats = StrategyTests.seatIds(ctx, closed);
    TestSessions.Session session = TestSessions.open(ctx, closed.id());
    Reservation committed = commitWithoutRedis(ctx, strategy, closed, session, seats.get(1));

    APIGatewayProxyResponseEvent retry =
        calls(ctx).reserve(closed.id(), session.accessToken(), List.of(seats.get(1)));
    APIGatewayProxyResponseEvent other =
        calls(ctx).reserve(closed.id(), session.accessToken(), List.of(seats.get(2)));

    assertEquals(200, retry.getStatusCode(), retry.getBody());
    assertEquals(committed.reservationId(), calls(ctx).body(retry).get("reservationId"));
    assertError(403, "session_ended", other);
  }

  /** What a request leaves when its function dies right after the commit. */
  private static Reservation commitWithoutRedis(
      ApplicationContext ctx,
      String strategy,
      Performance performance,
      TestSessions.Session session,
      Long... seatIds) {
    return StrategyTests.strategy(ctx, strategy)
        .reserve(
            StrategyTests.newReservation(ctx, performance, List.of(seatIds), session.sessionId()));
  }

  private static void assertReservedOnMap(
      LiveSeatMap map, Performance performance, List<Long> reserved) {
    SeatMapView.Full view = (SeatMapView.Full) map.full(performance.id(), LiveSeatMap.NO_VERSION);
    assertEquals(reserved.size(), view.version());
    for (MapSeat seat : view.seats()) {
      assertEquals(
          reserved.contains(seat.id()) ? SeatStatus.HELD : SeatStatus.AVAILABLE,
          seat.status(),
          "seat " + seat.id());
    }
  }

  private static ReserveCalls calls(ApplicationContext ctx) {
    return new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
  }
}
