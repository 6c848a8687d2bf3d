package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.holds.HoldEnd;
import dev.ticketing.holds.HoldEndings;
import dev.ticketing.reservation.BackstopViolations;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Holds, confirmations, releases and expiries racing one another, for each lock strategy, on real
 * MariaDB and Redis (a start latch, many threads): no seat is ever sold twice, a confirm racing its
 * own hold's expiry is confirmed or 410 but never both, and an expired hold's seats are held again.
 */
class HoldRaceTest {
  private static final Map<String, ApplicationContext> CONTEXTS = new HashMap<>();

  /** Past every hold's expiry: the sweep running "later" expires all holds made in a test. */
  private static final Duration PAST_EXPIRY = Duration.ofSeconds(601);

  static Stream<String> strategies() {
    return StrategyTests.strategies();
  }

  private static synchronized ApplicationContext context(String strategy) {
    return CONTEXTS.computeIfAbsent(
        strategy,
        s ->
            TestStores.context(
                FunctionEnvironments.RESERVE_SEAT,
                Map.of("LOCK_STRATEGY", s, "HOLD_TTL_SECONDS", "600")));
  }

  @AfterAll
  static void stop() {
    CONTEXTS.values().forEach(ApplicationContext::close);
  }

  private record Held(String reservationId, String token, List<Long> seats) {}

  @ParameterizedTest
  @MethodSource("strategies")
  void aConfirmRacingItsOwnExpiryIsEitherConfirmedOr410NeverBoth(String strategy) throws Exception {
    ApplicationContext ctx = context(strategy);
    ReserveCalls calls = calls(ctx);
    Performance performance = TestPerformances.create(ctx, 3, 10);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    List<Held> holds = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      holds.add(hold(ctx, calls, performance, List.of(seats.get(i))).orElseThrow());
    }
    HoldEndings endings = ctx.getBean(HoldEndings.class);
    Instant later = Instant.now().plus(PAST_EXPIRY);

    List<Callable<Object>> tasks = new ArrayList<>();
    for (Held h : holds) {
      tasks.add(
          () ->
              calls
                  .confirm(performance.id(), h.reservationId(), h.token(), "Ana", "ana@example.com")
                  .getStatusCode());
      tasks.add(() -> endings.end(performance.id(), h.reservationId(), HoldEnd.EXPIRED, later));
    }
    List<Object> results = race(tasks);

    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    int confirmed = 0;
    for (int i = 0; i < holds.size(); i++) {
      int status = (Integer) results.get(2 * i);
      Optional<?> expired = (Optional<?>) results.get(2 * i + 1);
      Held h = holds.get(i);
      String stored = audit.reservationStatus(h.reservationId());
      if (status == 200) {
        confirmed++;
        assertTrue(expired.isEmpty(), "confirmed and expired: " + h);
        assertEquals("CONFIRMED", stored);
        assertEquals("RESERVED", audit.status(h.seats().get(0)));
      } else {
        assertEquals(410, status, h.toString());
        assertTrue(expired.isPresent(), "410 but not expired: " + h);
        assertEquals("EXPIRED", stored);
        assertEquals("AVAILABLE", audit.status(h.seats().get(0)));
      }
    }
    assertEquals(confirmed, audit.reservationsIn(performance.id(), "CONFIRMED"));
    assertConsistent(ctx, performance);
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void holdsConfirmsReleasesAndExpiriesRacingNeverSellASeatTwice(String strategy) throws Exception {
    ApplicationContext ctx = context(strategy);
    ReserveCalls calls = calls(ctx);
    Performance performance = TestPerformances.create(ctx, 2, 10);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    long violationsBefore = ctx.getBean(BackstopViolations.class).count();
    Random random = new Random(strategy.hashCode());
    List<Held> first = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      hold(ctx, calls, performance, List.of(seats.get(2 * i), seats.get(2 * i + 1)))
          .ifPresent(first::add);
    }
    HoldEndings endings = ctx.getBean(HoldEndings.class);
    Instant later = Instant.now().plus(PAST_EXPIRY);

    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      Held h = first.get(i);
      if (i % 3 == 0) {
        tasks.add(
            () ->
                calls.confirm(
                    performance.id(), h.reservationId(), h.token(), "Ana", "ana@example.com"));
      } else if (i % 3 == 1) {
        tasks.add(() -> calls.release(performance.id(), h.reservationId(), h.token()));
      }
    }
    tasks.add(() -> endings.expireDue(performance.id(), later, 100));
    tasks.add(() -> endings.expireDue(performance.id(), later, 100));
    List<List<Long>> wanted = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<Long> shuffled = new ArrayList<>(seats);
      Collections.shuffle(shuffled, random);
      wanted.add(List.copyOf(shuffled.subList(0, 1 + random.nextInt(2))));
    }
    for (List<Long> w : wanted) {
      String token = TestSessions.open(ctx, performance.id()).accessToken();
      tasks.add(() -> calls.reserve(performance.id(), token, w));
    }
    List<Object> results = race(tasks);

    Set<Long> held = new HashSet<>();
    for (Object r : results) {
      if (r instanceof APIGatewayProxyResponseEvent e) {
        assertTrue(e.getStatusCode() < 500, e.getBody());
        if (e.getStatusCode() == 201) {
          for (long id : calls.seatIds(calls.body(e))) {
            assertTrue(held.add(id), "seat " + id + " held twice in the race");
          }
        }
      }
    }
    assertConsistent(ctx, performance);
    assertEquals(violationsBefore, ctx.getBean(BackstopViolations.class).count());
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void anExpiredHoldsSeatsAreHeldByOneOfManyBuyersRacingForThem(String strategy) throws Exception {
    ApplicationContext ctx = context(strategy);
    ReserveCalls calls = calls(ctx);
    Performance performance = TestPerformances.create(ctx, 1, 4);
    List<Long> seats = StrategyTests.seatIds(ctx, performance).subList(1, 3);
    Held first = hold(ctx, calls, performance, seats).orElseThrow();
    ctx.getBean(HoldEndings.class)
        .expireDue(performance.id(), Instant.now().plus(PAST_EXPIRY), 100);

    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String token = TestSessions.open(ctx, performance.id()).accessToken();
      tasks.add(() -> calls.reserve(performance.id(), token, seats));
    }
    List<Object> results = race(tasks);

    long won =
        results.stream()
            .filter(r -> ((APIGatewayProxyResponseEvent) r).getStatusCode() == 201)
            .count();
    assertEquals(1, won);
    assertEquals(
        "EXPIRED", ctx.getBean(ReservationAudit.class).reservationStatus(first.reservationId()));
    assertConsistent(ctx, performance);
  }

  private static Optional<Held> hold(
      ApplicationContext ctx, ReserveCalls calls, Performance performance, List<Long> seats) {
    String token = TestSessions.open(ctx, performance.id()).accessToken();
    APIGatewayProxyResponseEvent r = calls.reserve(performance.id(), token, seats);
    if (r.getStatusCode() != 201) {
      return Optional.empty();
    }
    Map<String, Object> body = calls.body(r);
    return Optional.of(
        new Held((String) body.get("reservationId"), (String) body.get("holdToken"), seats));
  }

  /** MySQL's invariants of holds: every taken seat in exactly one live reservation, in step. */
  private static void assertConsistent(ApplicationContext ctx, Performance performance) {
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(0, audit.seatsInSeveralReservations(performance.id()));
    assertEquals(0, audit.takenSeatsWithoutOneReservation(performance.id()));
    assertEquals(0, audit.reservationSeatsOutOfStep(performance.id()));
    assertEquals(audit.takenSeats(performance.id()), audit.reservationSeatRows(performance.id()));
  }

  private static ReserveCalls calls(ApplicationContext ctx) {
    return new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
  }

  private static List<Object> race(List<Callable<Object>> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<Object> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<Object> results = new ArrayList<>();
      for (Future<Object> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
