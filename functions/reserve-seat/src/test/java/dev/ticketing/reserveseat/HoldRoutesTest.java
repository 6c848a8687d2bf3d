package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.holds.HoldEndings;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.reservation.TicketCodes;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.MapSeat;
import dev.ticketing.seats.SeatMapView;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hold → confirm → tickets, release and expiry through the Lambda handler, on real stores. */
class HoldRoutesTest {
  private static ApplicationContext ctx;
  private static ReserveCalls calls;
  private static ReservationAudit audit;

  private Performance performance;
  private List<Long> seats;

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.RESERVE_SEAT, Map.of("HOLD_TTL_SECONDS", "300"));
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

  private record Hold(String reservationId, String holdToken, Map<String, Object> body) {}

  private Hold hold(List<Long> seatIds) {
    String token = TestSessions.open(ctx, performance.id()).accessToken();
    APIGatewayProxyResponseEvent response = calls.reserve(performance.id(), token, seatIds);
    assertEquals(201, response.getStatusCode(), response.getBody());
    Map<String, Object> body = calls.body(response);
    return new Hold((String) body.get("reservationId"), (String) body.get("holdToken"), body);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHoldIsConfirmedWithSignedTicketsAndQrCodesAndARetryGetsTheSameTickets() {
    Instant before = Instant.now();
    Hold hold = hold(List.of(seats.get(1), seats.get(2)));

    assertEquals("HELD", hold.body().get("status"));
    Instant expires = Instant.parse((String) hold.body().get("expiresAt"));
    assertTrue(
        !expires.isBefore(before.plusSeconds(299))
            && !expires.isAfter(Instant.now().plusSeconds(300)),
        expires.toString());
    assertEquals(SeatStatus.HELD, statusOnMap(seats.get(1)));
    assertEquals("HELD", audit.status(seats.get(2)));

    APIGatewayProxyResponseEvent confirmed =
        calls.confirm(
            performance.id(),
            hold.reservationId(),
            hold.holdToken(),
            "Ana Lima",
            "ana@example.com");

    assertEquals(200, confirmed.getStatusCode(), confirmed.getBody());
    Map<String, Object> body = calls.body(confirmed);
    assertEquals("CONFIRMED", body.get("status"));
    List<Map<String, Object>> tickets = (List<Map<String, Object>>) body.get("tickets");
    assertEquals(2, tickets.size());
    TicketCodes codes = ctx.getBean(TicketCodes.class);
    for (Map<String, Object> ticket : tickets) {
      TicketCodes.Ticketed t = codes.verify((String) ticket.get("code")).orElseThrow();
      assertEquals(performance.id(), t.performanceId());
      assertEquals(hold.reservationId(), t.reservationId());
      assertEquals(((Number) ticket.get("seatId")).longValue(), t.seatId());
      assertTrue(((String) ticket.get("qrCode")).startsWith("data:image/svg+xml;base64,"));
    }
    String forged =
        ((String) tickets.get(0).get("code"))
            .replace("." + seats.get(1) + ".", "." + seats.get(3) + ".");
    assertTrue(codes.verify(forged).isEmpty(), "a code for another seat must not verify");
    assertEquals("RESERVED", audit.status(seats.get(1)));
    assertEquals(SeatStatus.RESERVED, statusOnMap(seats.get(2)));

    APIGatewayProxyResponseEvent retry =
        calls.confirm(
            performance.id(),
            hold.reservationId(),
            hold.holdToken(),
            "Ana Lima",
            "ana@example.com");
    assertEquals(200, retry.getStatusCode(), retry.getBody());
    assertEquals(tickets, calls.body(retry).get("tickets"));

    APIGatewayProxyResponseEvent release =
        calls.release(performance.id(), hold.reservationId(), hold.holdToken());
    assertEquals(409, release.getStatusCode(), release.getBody());
    assertEquals("already_confirmed", calls.body(release).get("error"));
    assertEquals("RESERVED", audit.status(seats.get(1)));
  }

  @Test
  void aConfirmationWithoutAValidNameAndEmailIsRefusedAndChangesNothing() {
    Hold hold = hold(List.of(seats.get(0)));
    for (String[] bad :
        new String[][] {
          {"", "ana@example.com"},
          {"Ana", "not-an-address"},
          {"Ana", "ana@example"},
          {"Ana\\u0000", "ana@example.com"},
          {"x".repeat(101), "ana@example.com"}
        }) {
      APIGatewayProxyResponseEvent r =
          calls.confirm(performance.id(), hold.reservationId(), hold.holdToken(), bad[0], bad[1]);
      assertEquals(400, r.getStatusCode(), r.getBody());
      assertEquals("invalid_body", calls.body(r).get("error"));
    }
    assertEquals("HELD", audit.reservationStatus(hold.reservationId()));
    assertEquals("HELD", audit.status(seats.get(0)));
  }

  @Test
  void onlyTheHoldsOwnTokenConfirmsReleasesOrReadsIt() {
    Hold mine = hold(List.of(seats.get(0)));
    Hold other = hold(List.of(seats.get(1)));
    String access = TestSessions.open(ctx, performance.id()).accessToken();

    APIGatewayProxyResponseEvent wrong =
        calls.release(performance.id(), mine.reservationId(), other.holdToken());
    assertEquals(403, wrong.getStatusCode(), wrong.getBody());
    assertEquals("wrong_reservation", calls.body(wrong).get("error"));
    assertEquals(
        401, calls.release(performance.id(), mine.reservationId(), access).getStatusCode());
    assertEquals(
        401,
        calls
            .confirm(performance.id(), mine.reservationId(), "x.y.z", "Ana", "ana@example.com")
            .getStatusCode());
    assertEquals("HELD", audit.reservationStatus(mine.reservationId()));

    APIGatewayProxyResponseEvent view =
        calls.view(performance.id(), mine.reservationId(), mine.holdToken());
    assertEquals(200, view.getStatusCode(), view.getBody());
    assertEquals("HELD", calls.body(view).get("status"));
  }

  @Test
  void aReleasedHoldsSeatsAreAvailableToEveryoneAndItCanNoLongerBeConfirmed() {
    Hold hold = hold(List.of(seats.get(3), seats.get(4)));

    APIGatewayProxyResponseEvent released =
        calls.release(performance.id(), hold.reservationId(), hold.holdToken());

    assertEquals(204, released.getStatusCode(), released.getBody());
    assertEquals("AVAILABLE", audit.status(seats.get(3)));
    assertEquals(SeatStatus.AVAILABLE, statusOnMap(seats.get(4)));
    assertEquals("RELEASED", audit.reservationStatus(hold.reservationId()));
    assertEquals(
        204,
        calls.release(performance.id(), hold.reservationId(), hold.holdToken()).getStatusCode());
    APIGatewayProxyResponseEvent late =
        calls.confirm(
            performance.id(), hold.reservationId(), hold.holdToken(), "Ana", "ana@example.com");
    assertEquals(410, late.getStatusCode(), late.getBody());
    assertEquals("hold_expired", calls.body(late).get("error"));

    Hold again = hold(List.of(seats.get(3), seats.get(4)));
    assertNotEquals(hold.reservationId(), again.reservationId());
  }

  @Test
  void anExpiredHoldIsGoneItsSeatsAreBackAndAnotherBuyerHoldsThem() {
    Hold hold = hold(List.of(seats.get(5)));

    int expired =
        ctx.getBean(HoldEndings.class)
            .expireDue(performance.id(), Instant.now().plus(Duration.ofSeconds(301)), 100);

    assertEquals(1, expired);
    assertEquals("EXPIRED", audit.reservationStatus(hold.reservationId()));
    assertEquals(SeatStatus.AVAILABLE, statusOnMap(seats.get(5)));
    APIGatewayProxyResponseEvent late =
        calls.confirm(
            performance.id(), hold.reservationId(), hold.holdToken(), "Ana", "ana@example.com");
    assertEquals(410, late.getStatusCode(), late.getBody());
    assertEquals("hold_expired", calls.body(late).get("error"));
    hold(List.of(seats.get(5)));
    assertEquals("HELD", audit.status(seats.get(5)));
  }

  @Test
  void aHoldNotYetExpiredIsLeftByTheSweep() {
    Hold hold = hold(List.of(seats.get(6)));

    assertEquals(
        0,
        ctx.getBean(HoldEndings.class)
            .expireDue(performance.id(), Instant.now().plus(Duration.ofSeconds(290)), 100));
    assertEquals("HELD", audit.reservationStatus(hold.reservationId()));
  }

  private SeatStatus statusOnMap(long seatId) {
    SeatMapView.Full map =
        (SeatMapView.Full) ctx.getBean(LiveSeatMap.class).full(performance.id(), -1);
    return map.seats().stream()
        .filter(s -> s.id() == seatId)
        .findFirst()
        .map(MapSeat::status)
        .orElseThrow();
  }
}
