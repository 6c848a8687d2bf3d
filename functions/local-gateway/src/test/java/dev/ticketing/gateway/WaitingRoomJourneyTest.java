package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two buyers through the waiting room over real HTTP, with the advancer on its timer (every second)
 * and room for one: join, refresh, get admitted, pass the seat routes' gate, leave, and the next in
 * line is admitted without anyone else doing anything. The buyers follow the cadence as the SPA
 * does (every answer says to come back in 2 s here): they wait {@code pollAfterSeconds} (or a 429's
 * {@code Retry-After}) between polls and watch the public queue state in between.
 */
class WaitingRoomJourneyTest {
  private static final Duration ADMISSION_DEADLINE = Duration.ofSeconds(20);
  private static LocalGateway gateway;
  private static ApplicationContext ctx;
  private static JsonMapper json;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Map<String, String> env = new HashMap<>(TestStores.environment());
    env.put("PORT", "0");
    env.put("ADVANCE_INTERVAL_SECONDS", "1");
    env.put("QUEUE_CAPACITY", "1");
    env.put("POLL_AFTER_MAX_SECONDS", "2");
    gateway = LocalGateway.start(env);
    ctx = TestStores.context(FunctionEnvironments.ADMIN);
    json = ctx.getBean(JsonMapper.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
    gateway.close();
  }

  @Test
  void twoBuyersAreAdmittedOneAfterTheOther() throws Exception {
    Performance p = TestPerformances.create(ctx, 2, 5);
    String queue = "/api/performances/" + p.id() + "/queue";
    String seats = "/api/performances/" + p.id() + "/seats";

    Map<String, Object> first = body(send("POST", queue, null), 201);
    Map<String, Object> second = body(send("POST", queue, null), 201);
    String firstToken = (String) first.get("queueToken");
    String secondToken = (String) second.get("queueToken");
    assertEquals(1, number(first, "ticketNumber"));
    assertEquals(2, number(second, "ticketNumber"));
    Thread.sleep(number(first, "pollAfterSeconds") * 1_000);
    assertEquals(1, number(body(send("POST", queue, firstToken), 200), "ticketNumber"));

    assertEquals(401, send("GET", seats, null).statusCode());
    assertEquals(401, send("GET", seats, firstToken).statusCode(), "a queue token is no pass");

    Map<String, Object> admitted = awaitAdmission(queue, firstToken);
    String access = (String) admitted.get("accessToken");
    Map<String, Object> waiting = pollWhenDue(queue, secondToken);
    assertEquals("WAITING", waiting.get("status"));
    assertEquals(1, number(waiting, "position"));

    assertEquals(200, send("GET", seats, access).statusCode());

    assertEquals(204, send("DELETE", queue, access).statusCode());

    assertEquals(403, send("GET", seats, access).statusCode());
    assertEquals(410, send("GET", queue, firstToken).statusCode());
    Map<String, Object> next = awaitAdmission(queue, secondToken);
    assertEquals(200, send("GET", seats, (String) next.get("accessToken")).statusCode());
  }

  /**
   * Polls when told until the advancer's timer admits the ticket; in between, reads the public
   * state every 200 ms and polls at once when it shows the ticket called.
   */
  private static Map<String, Object> awaitAdmission(String queue, String token) throws Exception {
    long deadline = System.nanoTime() + ADMISSION_DEADLINE.toNanos();
    while (true) {
      Map<String, Object> body = pollWhenDue(queue, token);
      if ("ADMITTED".equals(body.get("status"))) {
        return body;
      }
      long orderKey = number(body, "orderKey");
      long due = System.nanoTime() + number(body, "pollAfterSeconds") * 1_000_000_000L;
      while (System.nanoTime() < due) {
        assertTrue(System.nanoTime() < deadline, "not admitted in time: " + body);
        Thread.sleep(200);
        Map<String, Object> state = body(send("GET", queue + "/state", null), 200);
        if (state.get("nowServing") instanceof Number serving && serving.longValue() >= orderKey) {
          break; // called: claim now
        }
      }
    }
  }

  /** GET the queue with the token; a 429 means "not yet": wait its Retry-After and ask again. */
  private static Map<String, Object> pollWhenDue(String queue, String token) throws Exception {
    while (true) {
      HttpResponse<String> response = send("GET", queue, token);
      if (response.statusCode() != 429) {
        return body(response, 200);
      }
      Thread.sleep(
          Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()) * 1_000);
    }
  }

  private static HttpResponse<String> send(String method, String path, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(HttpResponse<String> response, int status)
      throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    return json.readValue(response.body(), Map.class);
  }

  private static long number(Map<String, Object> body, String field) {
    return ((Number) body.get(field)).longValue();
  }
}
