package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.SalePause;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A reservation while an operator has paused the sale, on real MariaDB and Redis. */
class SalePausedReservationTest {
  private static ApplicationContext ctx;
  private static ReserveCalls calls;

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.RESERVE_SEAT);
    calls = new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @Test
  void aReservationDuringAPauseIs503SalePausedWithRetryAfterAndChangesNothing() {
    Performance performance = TestPerformances.create(ctx, 1, 4);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    TestSessions.Session session = TestSessions.open(ctx, performance.id());
    SalePause pause = ctx.getBean(SalePause.class);
    pause.pause(SaleWindows.of(performance), Instant.now());

    APIGatewayProxyResponseEvent refused =
        calls.reserve(performance.id(), session.accessToken(), seats.subList(0, 2));

    assertEquals(503, refused.getStatusCode(), refused.getBody());
    assertEquals("sale_paused", calls.body(refused).get("error"));
    assertEquals(
        Long.toString(SalePause.RETRY_AFTER_SECONDS), refused.getHeaders().get("Retry-After"));
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(List.of(), audit.takenSeatIds(performance.id()), "no seat was reserved");
    assertTrue(
        ctx.getBean(dev.ticketing.auth.SessionRegistry.class)
            .isActive(performance.id(), session.sessionId()),
        "the buyer keeps the session");

    pause.resume(performance.id(), Instant.now());
    APIGatewayProxyResponseEvent after =
        calls.reserve(performance.id(), session.accessToken(), seats.subList(0, 2));
    assertEquals(201, after.getStatusCode(), after.getBody());
  }
}
