package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.BackstopViolations;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A ticketing session makes one reservation, whatever Redis says and however many requests it sends
 * at once (double clicks, tabs, a script): MySQL refuses a second one. The requests that lose to
 * the session's own reservation get the answer its retry would get: 200 with that reservation when
 * they asked for its seats, else 403 session_ended. For every lock strategy.
 */
class OneReservationPerSessionTest {
  private static final int CLICKS = 10;
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

  private record Answer(int status, Map<String, Object> body) {}

  @ParameterizedTest
  @MethodSource("strategies")
  void tenRequestsOfOneSessionForTenDifferentSeatsMakeOneReservation(String strategy)
      throws Exception {
    ApplicationContext ctx = context(strategy);
    ReserveCalls calls = calls(ctx);
    Performance performance = TestPerformances.create(ctx, 1, CLICKS);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    long violationsBefore = ctx.getBean(BackstopViolations.class).count();
    List<List<Long>> requests = new ArrayList<>();
    for (long seat : seats) {
      requests.add(List.of(seat));
    }

    List<Answer> answers = atOnce(calls, performance.id(), session.accessToken(), requests);

    assertEquals(1, count(answers, 201), statuses(answers));
    assertEquals(CLICKS - 1, count(answers, 403), statuses(answers));
    for (Answer a : answers) {
      if (a.status() == 403) {
        assertEquals("session_ended", a.body().get("error"), a.body().toString());
      }
    }
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(1, audit.reservations(performance.id()));
    assertEquals(1, audit.takenSeats(performance.id()));
    assertEquals(1, audit.holderSeats(performance.id(), session.sessionId()));
    assertEquals(violationsBefore, ctx.getBean(BackstopViolations.class).count());
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void tenIdenticalRequestsOfOneSessionAllLearnItsOneReservation(String strategy) throws Exception {
    ApplicationContext ctx = context(strategy);
    ReserveCalls calls = calls(ctx);
    Performance performance = TestPerformances.create(ctx, 1, 4);
    List<Long> pair = StrategyTests.seatIds(ctx, performance).subList(1, 3);
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    List<List<Long>> requests = new ArrayList<>();
    for (int i = 0; i < CLICKS; i++) {
      requests.add(i % 2 == 0 ? pair : List.of(pair.get(1), pair.get(0)));
    }

    List<Answer> answers = atOnce(calls, performance.id(), session.accessToken(), requests);

    assertEquals(1, count(answers, 201), statuses(answers));
    assertEquals(CLICKS - 1, count(answers, 200), statuses(answers));
    Set<Object> reservationIds = new HashSet<>();
    for (Answer a : answers) {
      reservationIds.add(a.body().get("reservationId"));
      assertEquals(pair, calls.seatIds(a.body()));
    }
    assertEquals(1, reservationIds.size(), reservationIds.toString());
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(1, audit.reservations(performance.id()));
    assertEquals(pair, audit.takenSeatIds(performance.id()));
  }

  private static ReserveCalls calls(ApplicationContext ctx) {
    return new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
  }

  /** One session's requests, released together by one latch. */
  private static List<Answer> atOnce(
      ReserveCalls calls, long performanceId, String token, List<List<Long>> requests)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService clicks = Executors.newFixedThreadPool(requests.size());
    try {
      List<Future<Answer>> futures = new ArrayList<>();
      for (List<Long> seats : requests) {
        futures.add(
            clicks.submit(
                () -> {
                  start.await();
                  APIGatewayProxyResponseEvent r = calls.reserve(performanceId, token, seats);
                  return new Answer(r.getStatusCode(), calls.body(r));
                }));
      }
      start.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      clicks.shutdownNow();
    }
  }

  private static long count(List<Answer> answers, int status) {
    return answers.stream().filter(a -> a.status() == status).count();
  }

  private static String statuses(List<Answer> answers) {
    Map<Integer, Long> byStatus = new HashMap<>();
    answers.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
    return byStatus
        + " "
        + answers.stream()
            .filter(a -> a.status() != 201)
            .map(a -> a.status() + " " + a.body().get("error"))
            .distinct()
            .toList();
  }
}
