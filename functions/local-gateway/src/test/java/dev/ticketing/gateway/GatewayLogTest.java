package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's log as written: one line per request, whatever the client sends or does. */
class GatewayLogTest {
  private static final Pattern EVENT_START =
      Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ ");
  private GatewayServer server;

  @BeforeEach
  void start() throws Exception {
    Invoker functions =
        (function, event) -> {
          if (event.getPath().equals("/api/performances/2")) {
            try {
              Thread.sleep(500); // long enough for the client to hang up first
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          r.setHeaders(Map.of("Content-Type", "application/json"));
          r.setBody("{}");
          return r;
        };
    server =
        new GatewayServer(
            "127.0.0.1",
            0,
            functions,
            new StaticFiles(Optional.empty()),
            EdgeCache.standard(),
            GatewayLimits.standard(256));
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aPathCarryingALineFeedCannotForgeALogLine() throws Exception {
    List<String> attacks =
        List.of(
            "GET /api/performances%0a12:00:00.000%20ERROR%20gateway%20-%20forged HTTP/1.1",
            "GET /api/performances?x=%0d%0a12:00:00.000%20ERROR%20forged HTTP/1.1",
            "GET /index.html%0a12:00:00.000%20ERROR%20forged HTTP/1.1",
            "GET /api/performances/1%0A HTTP/1.1",
            "GET /\u001b[2J\u001b[31mred HTTP/1.1",
            "GET /\u0085forged HTTP/1.1");
    try (LogCapture log = new LogCapture()) {
      for (String requestLine : attacks) {
        try (RawHttp client = new RawHttp(server.port())) {
          assertEquals(400, client.send(requestLine + "\r\nHost: gateway\r\n\r\n").read().status());
        }
      }
      List<String> lines = awaitLines(log, attacks.size());
      for (String line : lines) {
        assertTrue(EVENT_START.matcher(line).find(), "a line that is no event: " + line);
        assertFalse(line.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), line);
      }
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("GET /\\u001b[2J\\u001b[31mred 400")),
          lines.toString());
    }
  }

  @Test
  void aClientThatHangsUpIsLoggedWithTheAnswerItMissedNotA500() throws Exception {
    try (LogCapture log = new LogCapture()) {
      RawHttp client = new RawHttp(server.port());
      client.send("GET /api/performances/2 HTTP/1.1\r\nHost: gateway\r\n\r\n");
      client.abort();
      List<String> lines = awaitLines(log, 1);
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains("GET /api/performances/2 200 "), lines.get(0));
      assertTrue(lines.get(0).endsWith("(client gone)"), lines.get(0));
      assertTrue(
          log.events().stream()
              .noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)));
    }
  }

  /** The gateway writes a request's line once its answer has left: wait for them (10 s at most). */
  private static List<String> awaitLines(LogCapture log, int requests) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (gatewayLines(log).size() < requests && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return gatewayLines(log);
  }

  private static List<String> gatewayLines(LogCapture log) {
    return log.lines().stream().filter(l -> !l.contains(" o.f.") && !l.contains("flyway")).toList();
  }
}
