package dev.ticketing.pollposition;

import static dev.ticketing.testing.ApiResponses.body;
import static dev.ticketing.testing.ApiResponses.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.QueueTokens;
import dev.ticketing.queue.SalePause;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.SeatStock;
import dev.ticketing.queue.TicketCounter;
import dev.ticketing.queue.TicketRef;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestPerformances;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code PAUSED} and {@code SOLD_OUT} through the poll-position handler and the public state, on
 * real stores: capacity 1, a fixed 5 s cadence.
 */
class PausedAndSoldOutRoutesTest {
  private static final Duration CADENCE = Duration.ofSeconds(5);
  private static ApplicationContext ctx;
  private static PollPositionFunction function;
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
  void whilePausedEveryPollAndThePublicStateSayPausedAndTheResumeAdmitsTheCalledHolder() {
    SaleWindow sale = openSale();
    String called = issue(sale);
    String waiting = issue(sale);
    ctx.getBean(QueueAdvancer.class).advance(sale, clock.instant());
    ctx.getBean(SalePause.class).pause(sale, clock.instant());
    clock.advance(CADENCE);

    for (String token : new String[] {called, waiting}) {
      APIGatewayProxyResponseEvent poll = get(sale, token);
      assertEquals(200, poll.getStatusCode(), poll.getBody());
      Map<String, Object> body = body(poll);
      assertEquals("PAUSED", body.get("status"));
      assertEquals(5, number(body, "pollAfterSeconds"));
      assertFalse(body.containsKey("accessToken"), "nobody is admitted during a pause");
      assertFalse(body.containsKey("position"));
    }
    assertEquals("PAUSED", body(state(sale)).get("sale"));

    ctx.getBean(SalePause.class).resume(sale.performanceId(), clock.instant());
    assertEquals("OPEN", body(state(sale)).get("sale"));
    assertEquals("ADMITTED", body(get(sale, called)).get("status"));
  }

  @Test
  void aSoldOutSaleAnswersSoldOutToWaitingHoldersUntilASeatComesBack() {
    SaleWindow sale = openSale();
    issue(sale);
    String waiting = issue(sale);
    QueueAdvancer advancer = ctx.getBean(QueueAdvancer.class);
    advancer.advance(sale, clock.instant(), new SeatStock(1, 0));
    advancer.advance(sale, clock.instant(), new SeatStock(0, 0));
    clock.advance(CADENCE);

    APIGatewayProxyResponseEvent poll = get(sale, waiting);
    assertEquals(200, poll.getStatusCode(), poll.getBody());
    assertEquals("SOLD_OUT", body(poll).get("status"));
    assertEquals(5, number(body(poll), "pollAfterSeconds"));
    assertEquals("SOLD_OUT", body(state(sale)).get("sale"));

    advancer.advance(sale, clock.instant(), new SeatStock(0, 1));
    assertEquals("OPEN", body(state(sale)).get("sale"), "a held seat may come back: not sold out");
    clock.advance(CADENCE);
    assertEquals("WAITING", body(get(sale, waiting)).get("status"));
  }

  private static SaleWindow openSale() {
    return SaleWindows.of(
        TestPerformances.create(
            ctx, 1, 1, clock.instant().minusSeconds(1), clock.instant().plus(Duration.ofDays(1))));
  }

  private static String issue(SaleWindow sale) {
    TicketRef ticket = ctx.getBean(TicketCounter.class).issue(sale, clock.instant()).ref();
    return ctx.getBean(QueueTokens.class).sign(ticket, sale);
  }

  private static APIGatewayProxyResponseEvent get(SaleWindow sale, String token) {
    return function.handleRequest(
        ApiEvents.get("/api/performances/" + sale.performanceId() + "/queue").bearer(token).build(),
        null);
  }

  private static APIGatewayProxyResponseEvent state(SaleWindow sale) {
    return function.handleRequest(
        ApiEvents.get("/api/performances/" + sale.performanceId() + "/queue/state").build(), null);
  }
}
