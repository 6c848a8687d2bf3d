package dev.ticketing.operatorconsole;

import static dev.ticketing.testing.ApiResponses.assertError;
import static dev.ticketing.testing.ApiResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.queue.NewTicket;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.SalePause;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.TicketCounter;
import dev.ticketing.queue.TicketStatus;
import dev.ticketing.queue.TicketWindow;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.TestPerformances;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's actions run the admin command's code (SaleOperations) as the logged-in operator:
 * each changes the sale and writes an audit entry with who, what, when, before and after; a bad
 * request changes nothing.
 */
class OperatorActionsTest {
  private static ConsoleFixture console;
  private static String token;

  @BeforeAll
  static void start() {
    console = new ConsoleFixture();
    token = console.token();
  }

  @AfterAll
  static void stop() {
    console.close();
  }

  private static APIGatewayProxyResponseEvent act(long performanceId, String body) {
    return console.send(
        ApiEvents.post("/api/operator/performances/" + performanceId + "/actions")
            .bearer(token)
            .json(body));
  }

  private static Map<String, Object> view(long performanceId) {
    APIGatewayProxyResponseEvent r =
        console.send(
            ApiEvents.get("/api/operator/performances/" + performanceId + "/console")
                .bearer(token));
    assertEquals(200, r.getStatusCode(), r.getBody());
    return body(r);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> audit(long performanceId) {
    APIGatewayProxyResponseEvent r =
        console.send(
            ApiEvents.get("/api/operator/performances/" + performanceId + "/audit")
                .query("limit", "50")
                .bearer(token));
    assertEquals(200, r.getStatusCode(), r.getBody());
    return (List<Map<String, Object>>) body(r).get("entries");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> done(APIGatewayProxyResponseEvent r) {
    assertEquals(200, r.getStatusCode(), r.getBody());
    Map<String, Object> body = body(r);
    Map<String, Object> audit = (Map<String, Object>) body.get("audit");
    assertEquals(ConsoleFixture.OPERATOR, audit.get("operator"));
    assertTrue(((Number) audit.get("id")).longValue() > 0);
    Instant.parse((String) audit.get("at"));
    return body;
  }

  @SuppressWarnings("unchecked")
  private static Object state(Map<String, Object> done, String when, String field) {
    return ((Map<String, Object>) done.get(when)).get(field);
  }

  @Test
  void pauseResumeSetCapacityAndCloseEachChangeTheSaleAndWriteTheAuditLog() {
    Performance p = TestPerformances.create(console.ctx, 1, 4);
    SaleWindow sale = SaleWindows.of(p);
    NewTicket waiting = console.ctx.getBean(TicketCounter.class).issue(sale, Instant.now());
    assertEquals("OPEN", view(p.id()).get("saleState"));

    Map<String, Object> paused = done(act(p.id(), "{\"action\":\"pause\"}"));
    assertEquals("pause", paused.get("action"));
    assertEquals("OPEN", state(paused, "before", "saleState"));
    assertEquals("PAUSED", state(paused, "after", "saleState"));
    assertEquals("PAUSED", view(p.id()).get("saleState"));
    assertTrue(console.ctx.getBean(SalePause.class).paused(p.id()));

    Map<String, Object> resumed = done(act(p.id(), "{\"action\":\"resume\"}"));
    assertEquals("PAUSED", state(resumed, "before", "saleState"));
    assertEquals("OPEN", state(resumed, "after", "saleState"));

    long configured = console.ctx.getBean(QueueRules.class).defaultCapacity();
    Map<String, Object> resized = done(act(p.id(), "{\"action\":\"set-capacity\",\"capacity\":7}"));
    assertEquals(configured, ((Number) state(resized, "before", "capacity")).longValue());
    assertEquals(7, ((Number) state(resized, "after", "capacity")).longValue());
    assertEquals(7, ((Number) view(p.id()).get("capacity")).longValue());

    Map<String, Object> closed = done(act(p.id(), "{\"action\":\"close\"}"));
    assertEquals("OPEN", state(closed, "before", "saleState"));
    assertEquals("CLOSED", state(closed, "after", "saleState"));
    assertEquals("CLOSED", view(p.id()).get("saleState"));
    Instant now = Instant.now();
    assertFalse(
        console.ctx.getBean(SaleWindows.class).onSale(now).stream()
            .anyMatch(s -> s.performanceId() == p.id()),
        "the advancer ticks no closed sale: nobody is admitted");
    assertEquals(SalePause.Gate.CLOSED, console.ctx.getBean(SalePause.class).gate(p.id(), now));
    TicketStatus polled =
        console.ctx.getBean(TicketWindow.class).poll(waiting.ref(), now, now.plusSeconds(3_600));
    assertEquals(
        TicketStatus.Reason.SALE_ENDED, assertInstanceOf(TicketStatus.Gone.class, polled).reason());

    List<Map<String, Object>> log = audit(p.id());
    assertEquals(
        List.of("close", "set-capacity", "resume", "pause"),
        log.stream().map(e -> e.get("action")).toList(),
        "newest first");
    for (Map<String, Object> entry : log) {
      assertEquals(ConsoleFixture.OPERATOR, entry.get("operator"));
      Instant.parse((String) entry.get("at"));
    }
    assertEquals("running", log.get(0).get("before"));
    assertEquals("closed", log.get(0).get("after"));
    assertEquals("capacity 7", log.get(1).get("after"));
    assertEquals("paused", log.get(2).get("before"));
    assertEquals("running", log.get(3).get("before"));
    assertEquals("paused", log.get(3).get("after"));
  }

  @Test
  void aBadActionOrCapacityIsA400AndChangesNothing() {
    Performance p = TestPerformances.create(console.ctx, 1, 4);
    Map<String, Object> before = view(p.id());
    for (String bad :
        List.of(
            "{\"action\":\"explode\"}",
            "{\"action\":\"set-capacity\"}",
            "{\"action\":\"set-capacity\",\"capacity\":0}",
            "{\"action\":\"set-capacity\",\"capacity\":100001}",
            "{\"action\":\"set-capacity\",\"capacity\":2.5}",
            "{\"action\":\"set-capacity\",\"capacity\":\"9\"}",
            "{\"capacity\":9}",
            "[\"pause\"]",
            "not json")) {
      assertError(400, "bad_request", act(p.id(), bad));
    }
    Map<String, Object> after = view(p.id());
    assertEquals(before.get("saleState"), after.get("saleState"));
    assertEquals(before.get("capacity"), after.get("capacity"));
    assertEquals(List.of(), audit(p.id()));
  }

  @Test
  void theAuditLimitMustBeAWholeNumberInRange() {
    Performance p = TestPerformances.create(console.ctx, 1, 4);
    for (String limit : List.of("0", "-1", "abc", "501")) {
      assertError(
          400,
          "bad_request",
          console.send(
              ApiEvents.get("/api/operator/performances/" + p.id() + "/audit")
                  .query("limit", limit)
                  .bearer(token)));
    }
  }

  @Test
  void anActionOnAnUnknownPerformanceIsA404() {
    assertError(404, "not_found", act(999_999_999L, "{\"action\":\"pause\"}"));
  }
}
