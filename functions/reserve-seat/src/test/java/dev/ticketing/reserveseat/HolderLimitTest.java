package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.auth.AccessClaims;
import dev.ticketing.catalog.Performance;
import dev.ticketing.error.ApiException;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.SeatMapKeys;
import dev.ticketing.seats.SeatMapStore;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MAX_SEATS_PER_HOLDER (here 3): the most seats one reservation may have; a session (the holder)
 * makes one reservation, also when it sends several requests at once.
 */
class HolderLimitTest {
  static final int LIMIT = 3;

  private static ApplicationContext ctx;
  private static ReserveCalls calls;
  private static ReservationAudit audit;

  @BeforeAll
  static void start() {
    ctx =
        TestStores.context(
            FunctionEnvironments.RESERVE_SEAT,
            Map.of("MAX_SEATS_PER_HOLDER", Integer.toString(LIMIT)));
    calls = new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
    audit = ctx.getBean(ReservationAudit.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @Test
  void askingForMoreSeatsThanTheLimitIs422AndChangesNothing() {
    Performance performance = TestPerformances.create(ctx, 1, 5);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    String token = TestSessions.open(ctx, performance.id()).accessToken();

    APIGatewayProxyResponseEvent response =
        calls.reserve(performance.id(), token, seats.subList(0, LIMIT + 1));

    assertEquals(422, response.getStatusCode());
    assertEquals("limit_exceeded", calls.body(response).get("error"));
    assertEquals(LIMIT, ((Number) calls.body(response).get("limit")).intValue());
    assertEquals(0, audit.takenSeats(performance.id()));
    assertEquals(
        201, calls.reserve(performance.id(), token, seats.subList(0, LIMIT)).getStatusCode());
  }

  /** A lost race reserves nothing: the session goes on and may choose other seats. */
  @Test
  void aSessionWhoseRequestLostCanStillReserveOtherSeats() {
    Performance performance = TestPerformances.create(ctx, 1, 5);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    Reservations reservations = ctx.getBean(Reservations.class);
    AccessClaims other =
        new AccessClaims(
            performance.id(), 1, "other-" + performance.id(), Instant.now().getEpochSecond() + 60);
    AccessClaims holder =
        new AccessClaims(
            performance.id(), 2, "holder-" + performance.id(), Instant.now().getEpochSecond() + 60);
    reservations.reserve(performance.id(), other, seats.subList(0, 1));
    // Without the live map, the claim is counted and MySQL refuses the request, not the map.
    redis().sync().del(SeatMapKeys.of(performance.id()).all());

    ApiException lost =
        assertThrows(
            ApiException.class,
            () -> reservations.reserve(performance.id(), holder, seats.subList(0, 3)));

    assertEquals(409, lost.status().getCode());
    assertEquals(List.of(seats.get(0)), lost.extra().get("seatIds"));
    assertTrue(reservations.reserve(performance.id(), holder, seats.subList(1, 4)).created());
    assertEquals(3, audit.holderSeats(performance.id(), holder.sessionId()));
  }

  /**
   * The claim's round trip also asks the live map: a seat it shows reserved cannot be won, so the
   * request is refused from the map. Here only the map says so (MySQL still has the seat
   * AVAILABLE): the answer can only have come from the map.
   */
  @Test
  void aSeatTheLiveMapShowsReservedIsRefusedBeforeMySqlReservesAnything() {
    Performance performance = TestPerformances.create(ctx, 1, 5);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    LiveSeatMap map = ctx.getBean(LiveSeatMap.class);
    map.full(performance.id(), LiveSeatMap.NO_VERSION);
    long version = map.mark(performance.id(), SeatMapStore.Mark.HELD, List.of(seats.get(1)), false);
    AccessClaims holder =
        new AccessClaims(
            performance.id(), 3, "holder-" + performance.id(), Instant.now().getEpochSecond() + 60);

    ApiException refused =
        assertThrows(
            ApiException.class,
            () ->
                ctx.getBean(Reservations.class)
                    .reserve(performance.id(), holder, seats.subList(0, 2)));

    assertEquals(409, refused.status().getCode());
    assertEquals(List.of(seats.get(1)), refused.extra().get("seatIds"));
    assertEquals(version, refused.extra().get("version"));
    assertEquals("AVAILABLE", audit.status(seats.get(0)));
    assertEquals(0, audit.takenSeats(performance.id()));
  }

  @SuppressWarnings("unchecked")
  private static StatefulRedisConnection<String, String> redis() {
    return ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
  }

  /**
   * One buyer's token in ten requests at once (double clicks, tabs), each within the limit: one
   * reservation, the others refused as an ended session (issue 16, defect 2).
   */
  @Test
  void concurrentRequestsOfOneHolderMakeOneReservation() throws Exception {
    Performance performance = TestPerformances.create(ctx, 2, 10);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService clicks = Executors.newFixedThreadPool(10);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      List<Long> pair = seats.subList(2 * i, 2 * i + 2);
      statuses.add(
          clicks.submit(
              () -> {
                start.await();
                return calls.reserve(performance.id(), session.accessToken(), pair).getStatusCode();
              }));
    }
    start.countDown();
    Map<Integer, Integer> byStatus = new HashMap<>();
    for (Future<Integer> f : statuses) {
      byStatus.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
    }
    clicks.shutdown();

    assertEquals(1, byStatus.getOrDefault(201, 0), byStatus.toString());
    assertEquals(9, byStatus.getOrDefault(403, 0), byStatus.toString());
    assertEquals(2, audit.takenSeats(performance.id()));
    assertEquals(2, audit.holderSeats(performance.id(), session.sessionId()));
  }
}
