package dev.ticketing.issueticket;

import static dev.ticketing.testing.ApiResponses.assertError;
import static dev.ticketing.testing.ApiResponses.body;
import static dev.ticketing.testing.ApiResponses.header;
import static dev.ticketing.testing.ApiResponses.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.QueueClaims;
import dev.ticketing.queue.QueueDump;
import dev.ticketing.queue.QueueExit;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ticket counter through its Lambda handler, with API Gateway events, on real stores and a
 * clock the test moves. Capacity 1; at most 30 token-less joins per client address in 10 s.
 */
class IssueTicketRoutesTest {
  private static final int JOIN_LIMIT = 30;
  private static final Duration JOIN_WINDOW = Duration.ofSeconds(10);
  private static ApplicationContext ctx;
  private static IssueTicketFunction function;
  private static ManualClock clock;

  @BeforeAll
  static void start() {
    ctx =
        ManualClock.context(
            FunctionEnvironments.ISSUE_TICKET,
            Map.of(
                "QUEUE_CAPACITY", "1",
                "JOIN_LIMIT_PER_ADDRESS", Integer.toString(JOIN_LIMIT),
                "JOIN_LIMIT_WINDOW_SECONDS", Long.toString(JOIN_WINDOW.toSeconds())));
    function = new IssueTicketFunction(ctx);
    clock = ManualClock.of(ctx);
  }

  @AfterAll
  static void stop() {
    function.close();
  }

  @Test
  void aBuyerWithoutATokenGetsANewTicket() {
    Performance p = TestPerformances.create(ctx, 1, 1);

    APIGatewayProxyResponseEvent response = post(p.id(), null);

    assertEquals(201, response.getStatusCode());
    Map<String, Object> body = body(response);
    assertEquals(1, number(body, "ticketNumber"));
    assertEquals("WAITING", body.get("status"));
    assertEquals(1, number(body, "position"));
    assertEquals(120, number(body, "retentionSeconds"), "how long the place is kept unpolled");
    // Next in line, but no rate measured yet: a room of one whose sessions last 300 s admits one
    // buyer per 300 s; 3/4 of that is beyond the longest cadence, 120 s. (The public state shows
    // the call sooner.)
    assertEquals(120, number(body, "pollAfterSeconds"));
    assertEquals(
        300, number(body, "estimatedWaitSeconds"), "the wait itself, from the configured rate");
    assertEquals((1L << 48) + 1, number(body, "orderKey"));
    assertEquals(0, number(body, "calls"));
    assertEquals("no-store", header(response, "Cache-Control"));
    QueueClaims claims = verify((String) body.get("queueToken"));
    assertEquals(p.id(), claims.performanceId());
    assertEquals(1, claims.ticketNumber());
  }

  @Test
  void aRefreshOrASecondTabWithTheTokenKeepsTheSamePlace() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    Map<String, Object> first = body(post(p.id(), null));
    post(p.id(), null);
    post(p.id(), null);
    clock.advance(Duration.ofSeconds(number(first, "pollAfterSeconds")));

    APIGatewayProxyResponseEvent again = post(p.id(), (String) first.get("queueToken"));

    assertEquals(200, again.getStatusCode());
    Map<String, Object> body = body(again);
    assertEquals(1, number(body, "ticketNumber"));
    assertEquals(1, number(body, "position"));
    assertEquals(first.get("queueToken"), body.get("queueToken"));
  }

  @Test
  void aRefreshBeforeThePollIsDueIs429AndKeepsThePlace() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    post(p.id(), null);
    Map<String, Object> mine = body(post(p.id(), null));
    String token = (String) mine.get("queueToken");

    APIGatewayProxyResponseEvent early = post(p.id(), token);

    assertError(429, "poll_too_soon", early);
    // Due in pollAfterSeconds less a second's slack (119 s); told 10 s at most, to check again.
    assertEquals("10", header(early, "Retry-After"));
    clock.advance(Duration.ofSeconds(10));
    assertError(429, "poll_too_soon", post(p.id(), token));
    clock.advance(Duration.ofSeconds(number(mine, "pollAfterSeconds") - 1 - 10));
    APIGatewayProxyResponseEvent kept = post(p.id(), token);
    assertEquals(200, kept.getStatusCode());
    assertEquals(2, number(body(kept), "ticketNumber"));
  }

  @Test
  void aFloodOfJoinsFromOneAddressDelaysAnHonestBuyerByNoMoreThanTheWindow() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    // The flood starts as a window starts (the window's count lives its length in Redis's own
    // time, which this test's clock does not follow).
    long window = JOIN_WINDOW.toMillis();
    clock.set(Instant.ofEpochMilli((clock.millis() / window + 1) * window));
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 450; i++) {
      APIGatewayProxyResponseEvent r = join(p.id(), "203.0.113.7");
      if (r.getStatusCode() == 201) {
        accepted++;
      } else {
        assertError(429, "too_many_joins", r);
        assertTrue(Long.parseLong(header(r, "Retry-After")) <= JOIN_WINDOW.toSeconds());
        refused++;
      }
      clock.advance(Duration.ofMillis(3_000 / 450)); // 450 joins in 3 s
    }

    // Another buyer joins at once, behind the one window's worth of the flood (two at most when a
    // flood straddles two windows).
    APIGatewayProxyResponseEvent honest = join(p.id(), "198.51.100.23");
    assertEquals(201, honest.getStatusCode());
    assertEquals(JOIN_LIMIT, accepted, "the flood's joins accepted in its one window");
    assertEquals(450, accepted + refused);
    assertEquals(accepted + 1, number(body(honest), "position"));
    // A buyer behind the flood's address waits out the window, no longer.
    APIGatewayProxyResponseEvent neighbour = join(p.id(), "203.0.113.7");
    assertError(429, "too_many_joins", neighbour);
    long wait = Long.parseLong(header(neighbour, "Retry-After"));
    assertTrue(wait <= JOIN_WINDOW.toSeconds(), "Retry-After " + wait);
    clock.advance(Duration.ofSeconds(wait));
    assertEquals(201, join(p.id(), "203.0.113.7").getStatusCode());
  }

  @Test
  void anIpv6ClientCountsByItsSlash64() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    clock.advance(JOIN_WINDOW); // a fresh window
    for (int i = 0; i < JOIN_LIMIT; i++) {
      assertEquals(
          201, join(p.id(), "2001:db8:1:2::" + Integer.toHexString(i + 1)).getStatusCode());
    }

    assertError(429, "too_many_joins", join(p.id(), "2001:db8:1:2:ffff::9"));
    assertEquals(201, join(p.id(), "2001:db8:1:3::1").getStatusCode(), "another /64");
  }

  @Test
  void beforeTheSaleOpensATicketHasNoPositionButTheOpeningTime() {
    Instant opens = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    Performance p = TestPerformances.create(ctx, 1, 1, opens, opens.plus(Duration.ofDays(1)));

    Map<String, Object> body = body(post(p.id(), null));

    assertEquals("WAITING", body.get("status"));
    assertFalse(body.containsKey("position"));
    assertEquals(opens.toString(), body.get("saleOpensAt"));
  }

  @Test
  void aCalledTicketIsReportedAdmittedAndKeepsItsSlot() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    String token = (String) body(post(p.id(), null)).get("queueToken");
    ctx.getBean(QueueAdvancer.class).advance(SaleWindows.of(p), clock.instant());

    APIGatewayProxyResponseEvent again = post(p.id(), token);

    assertEquals(200, again.getStatusCode());
    assertEquals("ADMITTED", body(again).get("status"));
    assertFalse(body(again).containsKey("position"));
  }

  @Test
  void aTokenWhoseTicketIsGoneGetsANewTicket() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    String token = (String) body(post(p.id(), null)).get("queueToken");
    ctx.getBean(QueueExit.class).leave(verify(token).ticket());

    APIGatewayProxyResponseEvent again = post(p.id(), token);

    assertEquals(201, again.getStatusCode());
    assertEquals(2, number(body(again), "ticketNumber"));
    assertNotEquals(token, body(again).get("queueToken"));
  }

  @Test
  void anUnknownPerformanceIs404AndABadIdIs400() {
    assertError(404, "not_found", call(ApiEvents.post("/api/performances/999999999/queue")));
    assertError(400, "invalid_id", call(ApiEvents.post("/api/performances/abc/queue")));
    assertError(400, "invalid_id", call(ApiEvents.post("/api/performances/0/queue")));
    assertError(400, "invalid_id", call(ApiEvents.post("/api/performances/-3/queue")));
  }

  @Test
  void aPerformanceWhoseSaleHasEndedIs410() {
    Instant now = clock.instant();
    Performance p =
        TestPerformances.create(ctx, 1, 1, now.minus(Duration.ofDays(2)), now.minusSeconds(1));

    assertError(410, "sale_ended", post(p.id(), null));
    assertEquals(Map.of(), QueueDump.of(ctx, p.id()));
  }

  @Test
  void badTokensAreRefusedAndChangeNothing() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    Performance other = TestPerformances.create(ctx, 1, 1);
    String real = (String) body(post(p.id(), null)).get("queueToken");
    QueueClaims claims = verify(real);
    TokenCodec codec = ctx.getBean(TokenCodec.class);
    long past = clock.instant().minusSeconds(1).getEpochSecond();
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("forged", TestTokens.foreignCodec().sign(claims));
    bad.put("truncated", real.substring(0, real.length() - 5));
    bad.put(
        "tampered",
        real.substring(0, real.indexOf('.') + 3) + "x" + real.substring(real.indexOf('.') + 4));
    bad.put("garbage", "not-a-token");
    bad.put(
        "expired",
        codec.sign(
            new QueueClaims(
                claims.performanceId(), claims.ticketNumber(), claims.ticketId(), past)));
    bad.put(
        "an access token",
        codec.sign(new AccessClaims(p.id(), 1, "session", clock.instant().getEpochSecond() + 60)));
    Map<String, String> before = QueueDump.of(ctx, p.id());

    for (Map.Entry<String, String> token : bad.entrySet()) {
      APIGatewayProxyResponseEvent response = post(p.id(), token.getValue());
      assertEquals(401, response.getStatusCode(), token.getKey());
      assertEquals("unauthorized", body(response).get("error"), token.getKey());
    }
    assertError(403, "wrong_performance", post(other.id(), real));

    assertEquals(before, QueueDump.of(ctx, p.id()));
    assertEquals(Map.of(), QueueDump.of(ctx, other.id()));
  }

  @Test
  void otherMethodsAre405AndChangeNothing() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    post(p.id(), null);
    Map<String, String> before = QueueDump.of(ctx, p.id());

    for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
      APIGatewayProxyResponseEvent response =
          call(ApiEvents.request(method, "/api/performances/" + p.id() + "/queue"));
      assertEquals(405, response.getStatusCode(), method);
      assertEquals("method_not_allowed", body(response).get("error"), method);
    }
    assertError(
        415,
        "unsupported_media_type",
        call(ApiEvents.post("/api/performances/" + p.id() + "/queue").body("text/plain", "hi")));

    assertEquals(before, QueueDump.of(ctx, p.id()));
  }

  @Test
  void aThousandConcurrentBuyersGetAThousandConsecutiveNumbers() throws Exception {
    Performance p = TestPerformances.create(ctx, 1, 1);
    int buyers = 1_000;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(64);
    List<Future<APIGatewayProxyResponseEvent>> calls = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      calls.add(
          pool.submit(
              () -> {
                go.await();
                return post(p.id(), null);
              }));
    }
    go.countDown();
    List<Long> numbers = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (Future<APIGatewayProxyResponseEvent> call : calls) {
      APIGatewayProxyResponseEvent response = call.get(2, TimeUnit.MINUTES);
      assertEquals(201, response.getStatusCode(), response.getBody());
      numbers.add(number(body(response), "ticketNumber"));
      tokens.add((String) body(response).get("queueToken"));
    }
    pool.shutdown();

    assertEquals(
        LongStream.rangeClosed(1, buyers).boxed().toList(), numbers.stream().sorted().toList());
    assertEquals(buyers, tokens.stream().distinct().count());
  }

  private static APIGatewayProxyResponseEvent join(long performanceId, String address) {
    return call(ApiEvents.post("/api/performances/" + performanceId + "/queue").sourceIp(address));
  }

  private static APIGatewayProxyResponseEvent post(long performanceId, String token) {
    ApiEvents request = ApiEvents.post("/api/performances/" + performanceId + "/queue");
    if (token != null) {
      request.bearer(token);
    }
    return call(request);
  }

  private static APIGatewayProxyResponseEvent call(ApiEvents request) {
    return function.handleRequest(request.build(), null);
  }

  private static QueueClaims verify(String token) {
    return TestTokens.verify(ctx, token, QueueClaims.class, clock.instant());
  }
}
