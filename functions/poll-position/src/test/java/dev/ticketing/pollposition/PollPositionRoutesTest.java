package dev.ticketing.pollposition;

import static dev.ticketing.testing.ApiResponses.assertError;
import static dev.ticketing.testing.ApiResponses.body;
import static dev.ticketing.testing.ApiResponses.header;
import static dev.ticketing.testing.ApiResponses.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.AccessGate;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.catalog.Performance;
import dev.ticketing.error.ApiException;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.QueueClaims;
import dev.ticketing.queue.QueueDump;
import dev.ticketing.queue.QueueTokens;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.TicketCounter;
import dev.ticketing.queue.TicketRef;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Polling and leaving through the poll-position Lambda handler, on real stores, with a clock the
 * test moves. Capacity 1, retention 120 s, claim window 60 s, sessions of 300 s, and a fixed
 * cadence: every answer says to poll again in 5 s (the formula is tested in core's {@code
 * QueueCadenceTest}), so the tests move the clock by {@link #CADENCE} between two polls of a
 * ticket.
 */
class PollPositionRoutesTest {
  private static ApplicationContext ctx;
  private static PollPositionFunction function;
  private static final Duration CADENCE = Duration.ofSeconds(5);
  private static ManualClock clock;

  @BeforeAll
  static void start() {
    ctx =
        ManualClock.context(
            FunctionEnvironments.POLL_POSITION,
            Map.of(
                "QUEUE_CAPACITY", "1",
                "POLL_AFTER_MIN_SECONDS", "5",
                "POLL_AFTER_MAX_SECONDS", "5"));
    function = new PollPositionFunction(ctx);
    clock = ManualClock.of(ctx);
  }

  @AfterAll
  static void stop() {
    function.close();
  }

  @Test
  void aWaitingHolderSeesTheirPositionAndTheAdmissionRate() {
    SaleWindow sale = openSale();
    issue(sale);
    String second = issue(sale);
    tick(sale);
    clock.advance(CADENCE);

    APIGatewayProxyResponseEvent response = get(sale, second);

    assertEquals(200, response.getStatusCode());
    Map<String, Object> body = body(response);
    assertEquals("WAITING", body.get("status"));
    assertEquals(2, number(body, "ticketNumber"));
    assertEquals(1, number(body, "position"));
    assertEquals(0.0, ((Number) body.get("admittedPerMinute")).doubleValue());
    assertEquals(
        300,
        number(body, "estimatedWaitSeconds"),
        "no rate measured yet: position 1 × a 300 s session ÷ capacity 1");
    assertEquals(5, number(body, "pollAfterSeconds"), "when to poll again");
    assertEquals(120, number(body, "retentionSeconds"), "how long the place is kept beyond that");
    assertEquals((1L << 48) + 2, number(body, "orderKey"), "after opening: 2^48 + number");
    assertEquals(1, number(body, "calls"), "the first ticket was called");
    assertEquals("no-store", header(response, "Cache-Control"));
    assertFalse(body.containsKey("accessToken"));
  }

  @Test
  void theEstimatedWaitComesFromTheMeasuredAdmissionRate() {
    SaleWindow sale = openSale();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tokens.add(issue(sale));
    }
    tick(sale);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(5));
      assertEquals("ADMITTED", body(get(sale, tokens.get(i))).get("status"));
      assertEquals(204, delete(sale, tokens.get(i)).getStatusCode());
      tick(sale);
    }
    clock.advance(CADENCE);

    Map<String, Object> body = body(get(sale, tokens.get(4)));

    // one admission every 5 s: 12 per minute; the last holder is next (the fourth is called).
    assertEquals(12.0, ((Number) body.get("admittedPerMinute")).doubleValue());
    assertEquals(1, number(body, "position"));
    assertEquals(5, number(body, "estimatedWaitSeconds"));
  }

  @Test
  void aCalledHolderIsAdmittedWithAnAccessTokenTheSeatGateAccepts() {
    SaleWindow sale = openSale();
    String queueToken = issue(sale);
    AccessGate gate = ctx.getBean(AccessGate.class);
    assertGate(401, () -> gate.admit(withToken(queueToken), sale.performanceId()));
    tick(sale);

    APIGatewayProxyResponseEvent response = get(sale, queueToken);

    Map<String, Object> body = body(response);
    assertEquals("ADMITTED", body.get("status"));
    assertEquals(1, number(body, "ticketNumber"));
    assertEquals(
        clock.instant().plus(Duration.ofSeconds(300)).toString(), body.get("sessionExpiresAt"));
    assertFalse(body.containsKey("position"));
    String accessToken = (String) body.get("accessToken");
    AccessClaims claims = gate.admit(withToken(accessToken), sale.performanceId());
    assertEquals(1, claims.ticketNumber());
    assertEquals(clock.instant().toString(), body.get("calledAt"), "called at the tick");
    Map<String, Object> refreshed = new LinkedHashMap<>(body(get(sale, queueToken)));
    assertFalse(refreshed.containsKey("calledAt"), "only the claim knows the call's time");
    refreshed.put("calledAt", body.get("calledAt"));
    assertEquals(body, refreshed, "a refresh shows the same session");
    assertGate(403, () -> gate.admit(withToken(accessToken), sale.performanceId() + 1_000_000));

    assertEquals(204, delete(sale, accessToken).getStatusCode());

    assertGate(403, () -> gate.admit(withToken(accessToken), sale.performanceId()));
    assertError(410, "session_ended", get(sale, queueToken));
  }

  @Test
  void aWaitingHoldersPositionOnlyEverGoesDown() {
    SaleWindow sale = openSale();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tokens.add(issue(sale));
    }
    String last = tokens.get(5);
    List<Long> positions = new ArrayList<>();
    clock.advance(CADENCE);
    positions.add(number(body(get(sale, last)), "position"));
    for (int i = 0; i < 5; i++) {
      tick(sale);
      issue(sale);
      clock.advance(CADENCE);
      positions.add(number(body(get(sale, last)), "position"));
      get(sale, tokens.get(i));
      delete(sale, tokens.get(i));
      clock.advance(CADENCE);
      positions.add(number(body(get(sale, last)), "position"));
    }

    assertEquals(List.of(6L, 5L, 5L, 4L, 4L, 3L, 3L, 2L, 2L, 1L, 1L), positions);
  }

  @Test
  void eachPollKeepsThePlaceForTheCadencePlusTheRetention() {
    SaleWindow sale = openSale();
    String kept = issue(sale);
    String silent = issue(sale);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(100));
      assertEquals(200, get(sale, kept).getStatusCode());
    }

    assertError(410, "ticket_expired", get(sale, silent));
    clock.advance(CADENCE);
    assertEquals(1, number(body(get(sale, kept)), "position"));
  }

  @Test
  void aPollBeforeItIsDueIs429WithRetryAfterAndKeepsThePlace() {
    SaleWindow sale = openSale();
    issue(sale);
    String token = issue(sale);
    clock.advance(Duration.ofSeconds(1));
    Map<String, String> before = QueueDump.of(ctx, sale.performanceId());

    APIGatewayProxyResponseEvent early = get(sale, token);

    assertError(429, "poll_too_soon", early);
    assertEquals("3", header(early, "Retry-After"), "due at 5 s, a second's tolerance");
    assertEquals(3, number(body(early), "retryAfterSeconds"));
    assertEquals(before, QueueDump.of(ctx, sale.performanceId()), "nothing changed");
    clock.advance(Duration.ofSeconds(3));
    assertEquals(200, get(sale, token).getStatusCode());
  }

  @Test
  void aCalledHolderClaimsAtOnceWhenever() {
    SaleWindow sale = openSale();
    String token = issue(sale);
    tick(sale);

    assertEquals("ADMITTED", body(get(sale, token)).get("status"), "no wait for the cadence");
  }

  @Test
  void anUnclaimedCallIsLostAClaimWindowAfterTheHolderWasDueBack() {
    SaleWindow sale = openSale();
    String token = issue(sale);
    tick(sale);
    clock.advance(CADENCE.plus(Duration.ofSeconds(60)));

    assertError(410, "ticket_expired", get(sale, token));
  }

  @Test
  void beforeTheSaleOpensAPollShowsTheOpeningTimeAndNoPosition() {
    Instant opens = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    SaleWindow sale =
        SaleWindows.of(TestPerformances.create(ctx, 1, 1, opens, opens.plus(Duration.ofDays(1))));
    String token = issue(sale);
    clock.advance(CADENCE);

    Map<String, Object> body = body(get(sale, token));

    assertEquals("WAITING", body.get("status"));
    assertEquals(opens.toString(), body.get("saleOpensAt"));
    assertEquals(5, number(body, "pollAfterSeconds"));
    assertFalse(body.containsKey("position"));
    assertFalse(body.containsKey("orderKey"), "the order is not shown before the opening");
  }

  @Test
  void leavingTheQueueFreesThePlaceForTheNextInLine() {
    SaleWindow sale = openSale();
    String first = issue(sale);
    String second = issue(sale);
    tick(sale);

    assertEquals(204, delete(sale, first).getStatusCode());
    assertEquals(204, delete(sale, first).getStatusCode(), "leaving twice is harmless");
    tick(sale);

    assertError(410, "ticket_expired", get(sale, first));
    assertEquals("ADMITTED", body(get(sale, second)).get("status"));
  }

  @Test
  void badTokensAreRefusedAndChangeNothing() {
    SaleWindow sale = openSale();
    SaleWindow other = openSale();
    String real = issue(sale);
    QueueClaims claims = verify(real);
    TokenCodec codec = ctx.getBean(TokenCodec.class);
    long past = clock.instant().minusSeconds(1).getEpochSecond();
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("forged", TestTokens.foreignCodec().sign(claims));
    bad.put("truncated", real.substring(0, real.length() - 5));
    bad.put("garbage", "a.b.c");
    bad.put(
        "expired",
        codec.sign(
            new QueueClaims(
                claims.performanceId(), claims.ticketNumber(), claims.ticketId(), past)));
    Map<String, String> before = QueueDump.of(ctx, sale.performanceId());

    assertError(401, "unauthorized", call(ApiEvents.get(path(sale))));
    assertError(401, "unauthorized", call(ApiEvents.delete(path(sale))));
    for (Map.Entry<String, String> token : bad.entrySet()) {
      assertEquals(401, get(sale, token.getValue()).getStatusCode(), token.getKey());
      assertEquals(401, delete(sale, token.getValue()).getStatusCode(), token.getKey());
    }
    String access = codec.sign(new AccessClaims(sale.performanceId(), 1, "sid", claims.exp()));
    assertError(401, "unauthorized", get(sale, access));
    assertError(403, "wrong_performance", get(other, real));
    assertError(403, "wrong_performance", delete(other, real));
    assertError(400, "invalid_id", call(ApiEvents.get("/api/performances/x/queue").bearer(real)));

    assertEquals(before, QueueDump.of(ctx, sale.performanceId()));
  }

  @Test
  void otherMethodsAre405AndChangeNothing() {
    SaleWindow sale = openSale();
    String token = issue(sale);
    Map<String, String> before = QueueDump.of(ctx, sale.performanceId());

    for (String method : List.of("POST", "PUT", "PATCH")) {
      APIGatewayProxyResponseEvent response =
          call(ApiEvents.request(method, path(sale)).bearer(token));
      assertError(405, "method_not_allowed", response);
    }

    assertEquals(before, QueueDump.of(ctx, sale.performanceId()));
  }

  @Test
  void thePublicStateSaysHowFarTheQueueHasCalledToAnyoneAndMayBeCached() {
    SaleWindow sale = openSale();
    String first = issue(sale);
    String second = issue(sale);

    APIGatewayProxyResponseEvent before = call(ApiEvents.get(statePath(sale)));
    tick(sale);
    APIGatewayProxyResponseEvent after = call(ApiEvents.get(statePath(sale)));

    assertEquals(200, before.getStatusCode());
    assertEquals("public, max-age=1", header(before, "Cache-Control"));
    Map<String, Object> b = body(before);
    assertEquals("OPEN", b.get("sale"));
    assertEquals(0, number(b, "calls"));
    assertFalse(b.containsKey("nowServing"), "nobody called yet");
    assertFalse(b.containsKey("admittedPerMinute"), "no rate measured yet");
    assertEquals(2, number(b, "waiting"));
    assertEquals(clock.instant().toString(), b.get("computedAt"));
    Map<String, Object> a = body(after);
    assertEquals(1, number(a, "calls"));
    assertEquals(1, number(a, "waiting"));
    long firstKey = (1L << 48) + 1;
    assertEquals(firstKey, number(a, "nowServing"), "the first ticket's order key");
    clock.advance(CADENCE);
    Map<String, Object> waiting = body(get(sale, second));
    assertEquals(firstKey + 1, number(waiting, "orderKey"), "not reached: still waiting");
    assertEquals("ADMITTED", body(get(sale, first)).get("status"), "reached: called");
  }

  @Test
  void thePublicStateTellsBeforeOpeningAndClosedAndRefusesBadRequests() {
    Instant now = clock.instant();
    Instant opens = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    SaleWindow later =
        SaleWindows.of(TestPerformances.create(ctx, 1, 1, opens, opens.plus(Duration.ofDays(1))));
    SaleWindow over =
        SaleWindows.of(
            TestPerformances.create(ctx, 1, 1, now.minus(Duration.ofDays(2)), now.minusSeconds(1)));

    Map<String, Object> beforeOpening = body(call(ApiEvents.get(statePath(later))));
    assertEquals("BEFORE_OPENING", beforeOpening.get("sale"));
    assertEquals(opens.toString(), beforeOpening.get("saleOpensAt"));
    assertEquals("CLOSED", body(call(ApiEvents.get(statePath(over)))).get("sale"));
    assertError(404, "not_found", call(ApiEvents.get("/api/performances/999999999/queue/state")));
    assertError(400, "invalid_id", call(ApiEvents.get("/api/performances/x/queue/state")));
    assertError(405, "method_not_allowed", call(ApiEvents.post(statePath(later)).json("{}")));
  }

  private static String statePath(SaleWindow sale) {
    return path(sale) + "/state";
  }

  private static SaleWindow openSale() {
    Instant now = clock.instant();
    Performance p =
        TestPerformances.create(ctx, 1, 1, now.minusSeconds(1), now.plus(Duration.ofDays(1)));
    return SaleWindows.of(p);
  }

  private static String issue(SaleWindow sale) {
    TicketRef ticket = ctx.getBean(TicketCounter.class).issue(sale, clock.instant()).ref();
    return ctx.getBean(QueueTokens.class).sign(ticket, sale);
  }

  private static void tick(SaleWindow sale) {
    ctx.getBean(QueueAdvancer.class).advance(sale, clock.instant());
  }

  private static String path(SaleWindow sale) {
    return "/api/performances/" + sale.performanceId() + "/queue";
  }

  private static APIGatewayProxyResponseEvent get(SaleWindow sale, String token) {
    return call(ApiEvents.get(path(sale)).bearer(token));
  }

  private static APIGatewayProxyResponseEvent delete(SaleWindow sale, String token) {
    return call(ApiEvents.delete(path(sale)).bearer(token));
  }

  private static APIGatewayProxyResponseEvent call(ApiEvents request) {
    return function.handleRequest(request.build(), null);
  }

  private static void assertGate(int status, Runnable call) {
    ApiException e = assertThrows(ApiException.class, call::run);
    assertEquals(status, e.status().getCode(), e.getMessage());
  }

  private static HttpRequest<?> withToken(String token) {
    return HttpRequest.GET("/api/performances/1/seats").bearerAuth(token);
  }

  private static QueueClaims verify(String token) {
    return TestTokens.verify(ctx, token, QueueClaims.class, clock.instant());
  }
}
