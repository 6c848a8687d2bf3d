package dev.ticketing.issueticket;

import static dev.ticketing.testing.ApiResponses.body;
import static dev.ticketing.testing.ApiResponses.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.EmfCapture;
import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestPerformances;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ticket counter's metric as CloudWatch reads it, written by the handler itself. */
class TicketMetricsTest {
  private static ApplicationContext ctx;
  private static IssueTicketFunction function;
  private static ManualClock clock;

  @BeforeAll
  static void start() {
    ctx = ManualClock.context(FunctionEnvironments.ISSUE_TICKET, Map.of());
    function = new IssueTicketFunction(ctx);
    clock = ManualClock.of(ctx);
  }

  @AfterAll
  static void stop() {
    function.close();
  }

  @Test
  void aNewTicketWritesOneTicketsIssuedEmfLineAndARefreshNone() {
    Performance p = TestPerformances.create(ctx, 1, 1);
    long issuedAt = clock.millis();
    List<Map<String, Object>> lines;
    try (EmfCapture emf = new EmfCapture(ctx.getBean(JsonMapper.class))) {
      Map<String, Object> first = body(post(p.id(), null));
      clock.advance(Duration.ofSeconds(number(first, "pollAfterSeconds")));
      assertEquals(200, post(p.id(), (String) first.get("queueToken")).getStatusCode());
      lines = emf.lines();
    }

    assertEquals(1, lines.size(), lines.toString());
    Map<String, Object> aws = EmfCapture.aws(lines.get(0));
    assertEquals(issuedAt, ((Number) aws.get("Timestamp")).longValue());
    assertEquals(EmfCapture.directive(List.of(), "TicketsIssued"), aws.get("CloudWatchMetrics"));
    assertEquals(1, lines.get(0).get("TicketsIssued"));
    assertEquals(Set.of("_aws", "TicketsIssued"), lines.get(0).keySet());
  }

  private static APIGatewayProxyResponseEvent post(long performanceId, String token) {
    ApiEvents request = ApiEvents.post("/api/performances/" + performanceId + "/queue");
    if (token != null) {
      request.bearer(token);
    }
    return function.handleRequest(request.build(), null);
  }
}
