package dev.ticketing.listseats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/performances/{id}/seats through the list-seats handler, on real MariaDB and Redis. */
class SeatMapRoutesTest {
  private static ApplicationContext ctx;
  private static SeatMapCalls calls;
  private static Buyers buyers;

  private Performance performance;
  private List<Long> seats;
  private String token;

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.LIST_SEATS);
    calls = new SeatMapCalls(new ListSeatsFunction(ctx));
    buyers = new Buyers();
  }

  @AfterAll
  static void stop() {
    buyers.close();
    ctx.close();
  }

  @BeforeEach
  void freshPerformance() {
    performance = TestPerformances.create(ctx, 2, 4);
    seats =
        ctx.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
            .map(SeatInfo::id)
            .toList();
    token = TestSessions.open(ctx, performance.id()).accessToken();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theMapListsEverySeatWithItsStatusVersionAndETag() {
    APIGatewayProxyResponseEvent response = calls.full(performance.id(), token);

    assertEquals(200, response.getStatusCode(), response.getBody());
    Map<String, Object> body = calls.body(response);
    assertEquals(0, SeatMapCalls.version(body));
    assertEquals("\"0\"", SeatMapCalls.header(response, "ETag"));
    List<Map<String, Object>> list = (List<Map<String, Object>>) body.get("seats");
    assertEquals(seats, list.stream().map(s -> ((Number) s.get("id")).longValue()).toList());
    Map<String, Object> first = list.get(0);
    assertEquals("Main", first.get("zone"));
    assertEquals("1", first.get("row"));
    assertEquals(1, ((Number) first.get("number")).intValue());
    assertEquals("R", first.get("grade"));
    assertEquals(100.0, ((Number) first.get("price")).doubleValue());
    assertEquals("AVAILABLE", first.get("status"));
  }

  @Test
  void anIfNoneMatchOfTheCurrentVersionIs304WithoutABody() {
    buyers.reserve(performance.id(), seats.subList(0, 2));
    String etag = SeatMapCalls.header(calls.full(performance.id(), token), "ETag");
    assertEquals("\"2\"", etag);

    APIGatewayProxyResponseEvent unchanged =
        calls.call(
            ApiEvents.get(SeatMapCalls.path(performance.id()))
                .bearer(token)
                .header("If-None-Match", etag));

    assertEquals(304, unchanged.getStatusCode());
    assertTrue(unchanged.getBody() == null || unchanged.getBody().isEmpty());
    APIGatewayProxyResponseEvent stale =
        calls.call(
            ApiEvents.get(SeatMapCalls.path(performance.id()))
                .bearer(token)
                .header("If-None-Match", "\"1\""));
    assertEquals(200, stale.getStatusCode());
  }

  @Test
  void oneBuyersReservationReachesAnotherBuyersSincePoll() {
    long before = SeatMapCalls.version(calls.body(calls.full(performance.id(), token)));

    buyers.reserve(performance.id(), List.of(seats.get(5), seats.get(2)));
    APIGatewayProxyResponseEvent poll = calls.since(performance.id(), token, before);

    assertEquals(200, poll.getStatusCode(), poll.getBody());
    Map<String, Object> body = calls.body(poll);
    assertEquals(before + 2, SeatMapCalls.version(body));
    assertEquals(Map.of(seats.get(2), "HELD", seats.get(5), "HELD"), SeatMapCalls.changes(body));
    assertNull(body.get("seats"));
    assertEquals("\"" + (before + 2) + "\"", SeatMapCalls.header(poll, "ETag"));
  }

  @Test
  void aSincePollWithNothingNewIs304WithoutABody() {
    buyers.reserve(performance.id(), seats.subList(0, 1));
    long current = SeatMapCalls.version(calls.body(calls.full(performance.id(), token)));

    APIGatewayProxyResponseEvent poll = calls.since(performance.id(), token, current);

    assertEquals(304, poll.getStatusCode());
    assertTrue(poll.getBody() == null || poll.getBody().isEmpty());
    assertEquals("\"" + current + "\"", SeatMapCalls.header(poll, "ETag"));
  }

  @Test
  void aVersionTheMapCannotAnswerFromGetsTheWholeMap() {
    buyers.reserve(performance.id(), seats.subList(0, 1));

    Map<String, Object> fromTheFuture = calls.body(calls.since(performance.id(), token, 99));

    assertEquals(1, SeatMapCalls.version(fromTheFuture));
    assertEquals(seats.size(), SeatMapCalls.statuses(fromTheFuture).size());
    assertEquals("HELD", SeatMapCalls.statuses(fromTheFuture).get(seats.get(0)));
  }

  @Test
  void aBadSinceIs400() {
    for (String since : List.of("abc", "-1", "1.5", "")) {
      APIGatewayProxyResponseEvent response =
          calls.call(
              ApiEvents.get(SeatMapCalls.path(performance.id()))
                  .bearer(token)
                  .query("since", since));
      assertEquals(400, response.getStatusCode(), since);
      assertEquals("invalid_since", calls.body(response).get("error"));
    }
  }

  @Test
  void theMapNeedsAnAccessTokenOfThisPerformanceAndAnActiveSession() {
    APIGatewayProxyResponseEvent none =
        calls.call(ApiEvents.get(SeatMapCalls.path(performance.id())));
    assertEquals(401, none.getStatusCode());
    assertEquals("unauthorized", calls.body(none).get("error"));

    Performance other = TestPerformances.create(ctx, 1, 1);
    APIGatewayProxyResponseEvent wrong =
        calls.full(performance.id(), TestSessions.open(ctx, other.id()).accessToken());
    assertEquals(403, wrong.getStatusCode());
    assertEquals("wrong_performance", calls.body(wrong).get("error"));

    APIGatewayProxyResponseEvent ended =
        calls.full(performance.id(), TestSessions.tokenWithoutSession(ctx, performance.id()));
    assertEquals(403, ended.getStatusCode());
    assertEquals("session_ended", calls.body(ended).get("error"));

    APIGatewayProxyResponseEvent badId = calls.full(0, token);
    assertEquals(400, badId.getStatusCode());
    assertEquals("invalid_id", calls.body(badId).get("error"));
  }

  @Test
  void anUnknownPerformanceIs404AndAnotherMethodIs405() {
    long unknown = performance.id() + 1_000_000;
    APIGatewayProxyResponseEvent missing =
        calls.full(unknown, TestSessions.open(ctx, unknown).accessToken());
    assertEquals(404, missing.getStatusCode());
    assertEquals("not_found", calls.body(missing).get("error"));

    APIGatewayProxyResponseEvent post =
        calls.call(ApiEvents.post(SeatMapCalls.path(performance.id())).bearer(token).json("{}"));
    assertEquals(405, post.getStatusCode());
    assertEquals("method_not_allowed", calls.body(post).get("error"));
  }
}
