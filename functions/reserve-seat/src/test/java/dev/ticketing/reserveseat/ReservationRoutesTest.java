package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.PerformanceKeys;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.MapSeat;
import dev.ticketing.seats.SeatMapView;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /api/performances/{id}/reservations through the Lambda handler, on real MariaDB and Redis.
 */
class ReservationRoutesTest {
  private static ApplicationContext ctx;
  private static ReserveCalls calls;
  private static ReservationAudit audit;

  private Performance performance;
  private List<Long> seats;

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
  void freshPerformance() {
    performance = TestPerformances.create(ctx, 2, 5);
    seats = StrategyTests.seatIds(ctx, performance);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aReservationIsCreatedWithItsSeatsTotalAndTime() {
    String token = TestSessions.open(ctx, performance.id()).accessToken();

    APIGatewayProxyResponseEvent response =
        calls.reserve(performance.id(), token, List.of(seats.get(3), seats.get(1)));

    assertEquals(201, response.getStatusCode(), response.getBody());
    Map<String, Object> body = calls.body(response);
    UUID.fromString((String) body.get("reservationId"));
    assertEquals(performance.id(), ((Number) body.get("performanceId")).longValue());
    assertEquals(List.of(seats.get(1), seats.get(3)), calls.seatIds(body));
    Map<String, Object> first = ((List<Map<String, Object>>) body.get("seats")).get(0);
    assertEquals("Main", first.get("zone"));
    assertEquals("1", first.get("row"));
    assertEquals(2, ((Number) first.get("number")).intValue());
    assertEquals("R", first.get("grade"));
    assertEquals(
        0, new BigDecimal("100.00").compareTo(new BigDecimal(first.get("price").toString())));
    assertEquals(
        0, new BigDecimal("200.00").compareTo(new BigDecimal(body.get("total").toString())));
    Instant.parse((String) body.get("reservedAt"));
    assertEquals(List.of(seats.get(1), seats.get(3)), audit.takenSeatIds(performance.id()));
  }

  @Test
  void aSuccessfulReservationEndsTheSessionSoItsSlotGoesToTheNextInLine() {
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    assertEquals(
        201,
        calls
            .reserve(performance.id(), session.accessToken(), seats.subList(0, 1))
            .getStatusCode());

    assertEquals(
        null,
        StrategyTests.redis(ctx)
            .sync()
            .zscore(PerformanceKeys.of(performance.id()).sessions(), session.sessionId()));
    APIGatewayProxyResponseEvent again =
        calls.reserve(performance.id(), session.accessToken(), seats.subList(1, 2));
    assertEquals(403, again.getStatusCode());
    assertEquals("session_ended", calls.body(again).get("error"));
    assertEquals(1, audit.takenSeats(performance.id()));
  }

  @Test
  void theLiveMapShowsTheSeatsReservedAsSoonAsTheReservationReturns() {
    LiveSeatMap map = ctx.getBean(LiveSeatMap.class);
    long before = map.full(performance.id(), -1).version();
    String token = TestSessions.open(ctx, performance.id()).accessToken();

    assertEquals(201, calls.reserve(performance.id(), token, seats.subList(0, 2)).getStatusCode());

    SeatMapView.Changes changes = (SeatMapView.Changes) map.since(performance.id(), before);
    assertEquals(before + 2, changes.version());
    assertEquals(
        seats.subList(0, 2), changes.changes().stream().map(c -> c.id()).sorted().toList());
  }

  @Test
  void aLoserLearnsWhichSeatWasTakenAndTheMapVersionThatShowsIt() {
    assertEquals(
        201,
        calls
            .reserve(
                performance.id(),
                TestSessions.open(ctx, performance.id()).accessToken(),
                seats.subList(1, 2))
            .getStatusCode());

    APIGatewayProxyResponseEvent lost =
        calls.reserve(
            performance.id(),
            TestSessions.open(ctx, performance.id()).accessToken(),
            seats.subList(0, 3));

    assertEquals(409, lost.getStatusCode());
    Map<String, Object> body = calls.body(lost);
    assertEquals("seat_unavailable", body.get("error"));
    assertEquals(seats.subList(1, 2), calls.seatIds(body));
    long version = ((Number) body.get("version")).longValue();
    SeatMapView.Full map =
        (SeatMapView.Full) ctx.getBean(LiveSeatMap.class).full(performance.id(), -1);
    assertEquals(version, map.version());
    assertEquals(1, map.seats().stream().filter(s -> s.status() == SeatStatus.HELD).count());
    assertEquals(1, audit.takenSeats(performance.id()));
  }

  // --- the gate: 401/403 and nothing changes ---

  @Test
  void withoutATokenIs401() {
    assertRefused(
        401,
        "unauthorized",
        calls.call(
            ApiEvents.post(ReserveCalls.path(performance.id()))
                .json(ReserveCalls.body(seats.subList(0, 1)))));
  }

  @Test
  void aForgedTokenIs401() {
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    TokenCodec forger =
        new TokenCodec(
            TestStores.settings(
                Map.of("TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(otherKey))),
            ctx.getBean(JsonMapper.class));
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    String forged =
        forger.sign(
            new AccessClaims(
                performance.id(),
                session.ticketNumber(),
                session.sessionId(),
                Instant.now().plusSeconds(300).getEpochSecond()));

    assertRefused(
        401, "unauthorized", calls.reserve(performance.id(), forged, seats.subList(0, 1)));
    String tampered = session.accessToken().substring(0, session.accessToken().length() - 2) + "xx";
    assertRefused(
        401, "unauthorized", calls.reserve(performance.id(), tampered, seats.subList(0, 1)));
  }

  @Test
  void anExpiredTokenIs401() {
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    String expired =
        ctx.getBean(TokenCodec.class)
            .sign(
                new AccessClaims(
                    performance.id(),
                    session.ticketNumber(),
                    session.sessionId(),
                    Instant.now().minusSeconds(1).getEpochSecond()));

    assertRefused(
        401, "unauthorized", calls.reserve(performance.id(), expired, seats.subList(0, 1)));
  }

  @Test
  void aTokenOfAnotherPerformanceIs403() {
    Performance other = TestPerformances.create(ctx, 1, 1);
    String token = TestSessions.open(ctx, other.id()).accessToken();

    assertRefused(
        403, "wrong_performance", calls.reserve(performance.id(), token, seats.subList(0, 1)));
  }

  @Test
  void aSessionThatHasEndedIs403() {
    String token = TestSessions.tokenWithoutSession(ctx, performance.id());

    assertRefused(
        403, "session_ended", calls.reserve(performance.id(), token, seats.subList(0, 1)));
  }

  // --- bad input: a JSON error and nothing changes ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"seatIds\": []}",
        "{\"seatIds\": [1, 2, 3, 4, 5]}",
        "{\"seatIds\": \"all\"}",
        "{\"seatIds\": [\"12\"]}",
        "{\"seatIds\": [1.5]}",
        "{\"seatIds\": [null]}",
        "{\"seatIds\": [-1]}",
        "{\"seats\": [1]}",
        "{broken"
      })
  void anInvalidBodyIs400(String body) {
    String token = TestSessions.open(ctx, performance.id()).accessToken();
    assertRefused(
        400,
        "invalid_body",
        calls.call(ApiEvents.post(ReserveCalls.path(performance.id())).bearer(token).json(body)));
  }

  @Test
  void duplicateSeatsAre400() {
    String token = TestSessions.open(ctx, performance.id()).accessToken();
    assertRefused(
        400,
        "invalid_body",
        calls.reserve(performance.id(), token, List.of(seats.get(0), seats.get(0))));
  }

  @Test
  void anEmptyBodyIs400() {
    String token = TestSessions.open(ctx, performance.id()).accessToken();
    assertRefused(
        400,
        "invalid_body",
        calls.call(ApiEvents.post(ReserveCalls.path(performance.id())).bearer(token)));
  }

  @Test
  void seatsOfAnotherPerformanceAre400NamingThem() {
    Performance other = TestPerformances.create(ctx, 1, 2);
    long foreign = StrategyTests.seatIds(ctx, other).get(0);
    String token = TestSessions.open(ctx, performance.id()).accessToken();

    APIGatewayProxyResponseEvent response =
        calls.reserve(performance.id(), token, List.of(seats.get(0), foreign, 999_999_999L));

    assertRefused(400, "unknown_seats", response);
    assertEquals(List.of(foreign, 999_999_999L), calls.seatIds(calls.body(response)));
    assertEquals(0, audit.takenSeats(other.id()));
  }

  @Test
  void anOversizedBodyIs413() {
    String token = TestSessions.open(ctx, performance.id()).accessToken();
    String huge = "{\"seatIds\": [1], \"pad\": \"" + "x".repeat(20_000) + "\"}";
    assertRefused(
        413,
        "payload_too_large",
        calls.call(ApiEvents.post(ReserveCalls.path(performance.id())).bearer(token).json(huge)));
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    String token = TestSessions.open(ctx, performance.id()).accessToken();
    assertRefused(
        415,
        "unsupported_media_type",
        calls.call(
            ApiEvents.post(ReserveCalls.path(performance.id()))
                .bearer(token)
                .body("text/plain", "seatIds=" + seats.get(0))));
  }

  @Test
  void aBadPerformanceIdIs400AndAnotherMethodIs405() {
    String token = TestSessions.open(ctx, performance.id()).accessToken();
    assertRefused(
        400,
        "invalid_id",
        calls.call(
            ApiEvents.post("/api/performances/abc/reservations")
                .bearer(token)
                .json(ReserveCalls.body(seats.subList(0, 1)))));
    assertRefused(
        405,
        "method_not_allowed",
        calls.call(ApiEvents.get(ReserveCalls.path(performance.id())).bearer(token)));
  }

  private void assertRefused(int status, String error, APIGatewayProxyResponseEvent response) {
    assertEquals(status, response.getStatusCode(), response.getBody());
    assertTrue(
        response.getHeaders().getOrDefault("Content-Type", "").startsWith("application/json")
            || response
                .getMultiValueHeaders()
                .get("Content-Type")
                .get(0)
                .startsWith("application/json"),
        "not JSON: " + response.getHeaders());
    Map<String, Object> body = calls.body(response);
    assertEquals(error, body.get("error"), body.toString());
    assertNotNull(body.get("message"));
    assertEquals(0, audit.takenSeats(performance.id()), "a refused request changed seats");
    assertEquals(0, audit.reservations(performance.id()), "a refused request wrote a reservation");
    for (MapSeat seat :
        ((SeatMapView.Full) ctx.getBean(LiveSeatMap.class).full(performance.id(), -1)).seats()) {
      assertEquals(SeatStatus.AVAILABLE, seat.status());
    }
  }
}
