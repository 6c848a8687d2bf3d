package dev.ticketing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.AccessGate;
import dev.ticketing.error.ApiException;
import io.micronaut.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seat routes' gate with the access token the waiting room really issues: refused before
 * admission, accepted while the session lasts, refused once it has ended.
 */
class QueueAccessTokenGateTest {
  private static QueueFixture q;
  private static AccessGate gate;

  @BeforeAll
  static void start() {
    q = QueueFixture.start(Map.of("QUEUE_CAPACITY", "1"));
    gate = q.ctx.getBean(AccessGate.class);
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  @Test
  void theGateAdmitsOnlyWhileTheSessionTheQueueOpenedLasts() {
    SaleWindow sale = q.openSale();
    long perf = sale.performanceId();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TicketRef ticket = q.counter.issue(sale, now).ref();
    String queueToken = q.tokens.sign(ticket, sale);

    assertStatus(401, () -> gate.admit(HttpRequest.GET("/seats"), perf));
    assertStatus(401, () -> gate.admit(withToken(queueToken), perf));

    q.advancer.advance(sale, now);
    TicketStatus.Admitted session = (TicketStatus.Admitted) q.poll(sale, ticket, now);
    String accessToken = q.tokens.accessToken(ticket, session);

    AccessClaims claims = gate.admit(withToken(accessToken), perf);
    assertEquals(
        new AccessClaims(perf, ticket.number(), session.sessionId(), claims.exp()), claims);
    assertEquals(session.expiresAt().getEpochSecond(), claims.exp());
    assertStatus(403, () -> gate.admit(withToken(accessToken), perf + 1_000_000));

    q.exit.leave(ticket);

    assertStatus(403, () -> gate.admit(withToken(accessToken), perf));
  }

  @Test
  void aTokenOfAnotherTicketHolderCannotOpenTheGate() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TicketRef first = q.counter.issue(sale, now).ref();
    NewTicket second = q.counter.issue(sale, now);
    q.advancer.advance(sale, now);

    TicketStatus waiting = q.poll(sale, second.ref(), now.plusSeconds(second.pollAfterSeconds()));

    assertEquals(1, ((TicketStatus.Waiting) waiting).position());
    assertStatus(
        401, () -> gate.admit(withToken(q.tokens.sign(second.ref(), sale)), sale.performanceId()));
    q.poll(sale, first, now);
  }

  private static HttpRequest<?> withToken(String token) {
    return HttpRequest.GET("/seats").bearerAuth(token);
  }

  private static void assertStatus(int status, Runnable call) {
    ApiException e = assertThrows(ApiException.class, call::run);
    assertEquals(status, e.status().getCode(), e.getMessage());
  }
}
