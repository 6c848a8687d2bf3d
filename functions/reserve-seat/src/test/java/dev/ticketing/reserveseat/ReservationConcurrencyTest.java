package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.BackstopViolations;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.MapSeat;
import dev.ticketing.seats.SeatMapView;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many buyers at once through the reserve-seat handler, for each lock strategy, against real
 * MariaDB and Redis: no seat is ever sold twice and every loser is a 409 naming seats, never a 500.
 */
class ReservationConcurrencyTest {
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

  private record Outcome(int status, List<Long> requested, Map<String, Object> body) {}

  @ParameterizedTest
  @MethodSource("strategies")
  void aHundredBuyersForOneSeatMakeExactlyOneReservation(String strategy) throws Exception {
    ApplicationContext ctx = context(strategy);
    ReserveCalls calls = calls(ctx);
    Performance performance = TestPerformances.create(ctx, 1, 5);
    long seat = StrategyTests.seatIds(ctx, performance).get(2);
    long violationsBefore = ctx.getBean(BackstopViolations.class).count();

    List<Outcome> outcomes = race(ctx, calls, performance, Collections.nCopies(100, List.of(seat)));

    assertEquals(1, count(outcomes, 201), statuses(outcomes));
    assertEquals(99, count(outcomes, 409), statuses(outcomes));
    for (Outcome o : outcomes) {
      if (o.status() == 409) {
        assertEquals("seat_unavailable", o.body().get("error"));
        assertEquals(List.of(seat), calls.seatIds(o.body()));
        assertTrue(o.body().get("version") instanceof Number, o.body().toString());
      }
    }
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(List.of(seat), audit.takenSeatIds(performance.id()));
    assertEquals(1, audit.reservations(performance.id()));
    assertEquals(violationsBefore, ctx.getBean(BackstopViolations.class).count());
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void twoHundredBuyersOfOneToFourRandomSeatsNeverShareASeat(String strategy) throws Exception {
    ApplicationContext ctx = context(strategy);
    ReserveCalls calls = calls(ctx);
    Performance performance = TestPerformances.create(ctx, 5, 10);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    long violationsBefore = ctx.getBean(BackstopViolations.class).count();
    Random random = new Random(strategy.hashCode());
    List<List<Long>> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<Long> shuffled = new ArrayList<>(seats);
      Collections.shuffle(shuffled, random);
      requests.add(List.copyOf(shuffled.subList(0, 1 + random.nextInt(4))));
    }

    List<Outcome> outcomes = race(ctx, calls, performance, requests);

    assertEquals(200, count(outcomes, 201) + count(outcomes, 409), statuses(outcomes));
    assertTrue(count(outcomes, 201) > 0);
    Set<Long> sold = new HashSet<>();
    int soldSeats = 0;
    for (Outcome o : outcomes) {
      List<Long> named = calls.seatIds(o.body());
      if (o.status() == 201) {
        assertEquals(Set.copyOf(o.requested()), Set.copyOf(named));
        for (long id : named) {
          assertTrue(sold.add(id), "seat " + id + " is in two reservations");
        }
        soldSeats += named.size();
      } else {
        assertTrue(!named.isEmpty() && o.requested().containsAll(named), o.body().toString());
      }
    }
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(soldSeats, audit.takenSeats(performance.id()));
    assertEquals(soldSeats, audit.reservationSeatRows(performance.id()));
    assertEquals(count(outcomes, 201), audit.reservations(performance.id()));
    assertEquals(0, audit.seatsInSeveralReservations(performance.id()));
    assertEquals(0, audit.takenSeatsWithoutOneReservation(performance.id()));
    assertEquals(0, audit.reservationSeatsOutOfStep(performance.id()));
    assertEquals(violationsBefore, ctx.getBean(BackstopViolations.class).count());

    SeatMapView.Full map =
        (SeatMapView.Full) ctx.getBean(LiveSeatMap.class).full(performance.id(), -1);
    assertEquals(soldSeats, map.version());
    for (MapSeat seat : map.seats()) {
      assertEquals(
          sold.contains(seat.id()) ? SeatStatus.HELD : SeatStatus.AVAILABLE, seat.status());
    }
  }

  private static ReserveCalls calls(ApplicationContext ctx) {
    return new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
  }

  private static List<Outcome> race(
      ApplicationContext ctx,
      ReserveCalls calls,
      Performance performance,
      List<List<Long>> requests)
      throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      tokens.add(TestSessions.open(ctx, performance.id()).accessToken());
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService buyers = Executors.newFixedThreadPool(requests.size());
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        String token = tokens.get(i);
        List<Long> seats = requests.get(i);
        Callable<Outcome> buyer =
            () -> {
              start.await();
              APIGatewayProxyResponseEvent r = calls.reserve(performance.id(), token, seats);
              return new Outcome(r.getStatusCode(), seats, calls.body(r));
            };
        futures.add(buyers.submit(buyer));
      }
      start.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get(60, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      buyers.shutdownNow();
    }
  }

  private static long count(List<Outcome> outcomes, int status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  private static String statuses(List<Outcome> outcomes) {
    Map<Integer, Long> byStatus = new HashMap<>();
    outcomes.forEach(o -> byStatus.merge(o.status(), 1L, Long::sum));
    return byStatus
        + " first non-2xx/409: "
        + outcomes.stream()
            .filter(o -> o.status() != 201 && o.status() != 409)
            .findFirst()
            .map(Outcome::body)
            .orElse(Map.of());
  }
}
