package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Best available ({"count": N, "grade"?}) through the handler, on real MariaDB and Redis. */
class BestAvailableTest {
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

  private static APIGatewayProxyResponseEvent best(
      ApplicationContext ctx, long performanceId, String body) {
    String token = TestSessions.open(ctx, performanceId).accessToken();
    return calls(ctx)
        .call(ApiEvents.post(ReserveCalls.path(performanceId)).bearer(token).json(body));
  }

  @Test
  void theBestBlockIsOnTheRowsGridNearestTheCentreOfTheFrontRow() {
    ApplicationContext ctx = context("atomic");
    Performance performance = TestPerformances.create(ctx, 3, 7);
    Map<Long, SeatInfo> layout = layout(ctx, performance);
    String frontRow = layout.get(layout.keySet().stream().min(Long::compare).orElseThrow()).row();

    List<SeatInfo> got = seats(calls(ctx), best(ctx, performance.id(), "{\"count\": 3}"), layout);

    // Blocks of 3 on the grid of a row of 7: 1-3 and 4-6 (3-5 is nearer the centre but would leave
    // stretches of 2 and 2, too short for another 3); 4-6 is nearer the centre but would leave
    // seat 7 alone, so 1-3.
    assertEquals(List.of(1, 2, 3), got.stream().map(SeatInfo::number).toList(), got.toString());
    assertEquals(frontRow, got.get(0).row());
  }

  @Test
  void aBlockThatWouldLeaveASingleSeatAloneIsTakenOnlyWhenNoOtherIsFree() {
    ApplicationContext ctx = context("atomic");
    Performance performance = TestPerformances.create(ctx, 1, 3);
    Map<Long, SeatInfo> layout = layout(ctx, performance);
    ReserveCalls calls = calls(ctx);

    // The centre seat 2 would leave 1 and 3 alone: seat 1 leaves the pair 2-3.
    SeatInfo first = seats(calls, best(ctx, performance.id(), "{\"count\": 1}"), layout).get(0);
    assertEquals(1, first.number());
    // Now seat 2 or 3 each leave one alone: no choice, the better (nearer the centre) is taken.
    SeatInfo second = seats(calls, best(ctx, performance.id(), "{\"count\": 1}"), layout).get(0);
    assertEquals(2, second.number());
  }

  @Test
  void aGradeIsHonouredAndBadRequestsAre400() {
    ApplicationContext ctx = context("atomic");
    Performance performance = TestPerformances.create(ctx, 2, 4);
    Map<Long, SeatInfo> layout = layout(ctx, performance);
    String grade = layout.values().iterator().next().grade();

    APIGatewayProxyResponseEvent r =
        best(ctx, performance.id(), "{\"count\": 2, \"grade\": \"" + grade + "\"}");
    assertEquals(201, r.getStatusCode(), r.getBody());
    for (SeatInfo s : seats(calls(ctx), r, layout)) {
      assertEquals(grade, s.grade());
    }
    for (String bad :
        List.of(
            "{\"count\": 0}",
            "{\"count\": 5}",
            "{\"count\": 1.5}",
            "{\"count\": \"2\"}",
            "{\"count\": 2, \"grade\": \"Nope\"}",
            "{\"count\": 2, \"seatIds\": [1]}")) {
      APIGatewayProxyResponseEvent refused = best(ctx, performance.id(), bad);
      assertEquals(400, refused.getStatusCode(), bad + " " + refused.getBody());
    }
  }

  @Test
  void whenNoBlockIsFreeTheAnswerIs409NoSeatsTogether() {
    ApplicationContext ctx = context("atomic");
    Performance performance = TestPerformances.create(ctx, 1, 3);
    assertEquals(201, best(ctx, performance.id(), "{\"count\": 2}").getStatusCode());

    APIGatewayProxyResponseEvent none = best(ctx, performance.id(), "{\"count\": 2}");

    assertEquals(409, none.getStatusCode(), none.getBody());
    assertEquals("no_seats_together", calls(ctx).body(none).get("error"));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void fiftyConcurrentRequestsForPairsGetFiftyDifferentPairsWithout409(String strategy)
      throws Exception {
    ApplicationContext ctx = context(strategy);
    Performance performance = TestPerformances.create(ctx, 10, 10);
    Map<Long, SeatInfo> layout = layout(ctx, performance);
    ReserveCalls calls = calls(ctx);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tokens.add(TestSessions.open(ctx, performance.id()).accessToken());
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<APIGatewayProxyResponseEvent> answers = new ArrayList<>();
    try {
      List<Future<APIGatewayProxyResponseEvent>> futures = new ArrayList<>();
      for (String token : tokens) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return calls.call(
                      ApiEvents.post(ReserveCalls.path(performance.id()))
                          .bearer(token)
                          .json("{\"count\": 2}"));
                }));
      }
      start.countDown();
      for (Future<APIGatewayProxyResponseEvent> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    Set<Long> held = new HashSet<>();
    for (APIGatewayProxyResponseEvent a : answers) {
      assertEquals(201, a.getStatusCode(), a.getBody());
      List<SeatInfo> pair = seats(calls, a, layout);
      assertEquals(pair.get(0).row(), pair.get(1).row());
      assertEquals(1, pair.get(1).number() - pair.get(0).number());
      for (SeatInfo s : pair) {
        assertTrue(held.add(s.id()), "seat " + s.id() + " held twice");
      }
    }
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(100, audit.takenSeats(performance.id()));
    assertEquals(0, audit.takenSeatsWithoutOneReservation(performance.id()));
  }

  private static Map<Long, SeatInfo> layout(ApplicationContext ctx, Performance performance) {
    Map<Long, SeatInfo> byId = new HashMap<>();
    ctx.getBean(SeatLayoutRepository.class)
        .findLayout(performance.id())
        .forEach(s -> byId.put(s.id(), s));
    return byId;
  }

  private static List<SeatInfo> seats(
      ReserveCalls calls, APIGatewayProxyResponseEvent r, Map<Long, SeatInfo> layout) {
    assertEquals(201, r.getStatusCode(), r.getBody());
    return calls.seatIds(calls.body(r)).stream().map(layout::get).toList();
  }

  private static ReserveCalls calls(ApplicationContext ctx) {
    return new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
  }
}
