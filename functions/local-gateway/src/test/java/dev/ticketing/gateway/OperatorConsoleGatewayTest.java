package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.advancequeue.AdvanceQueueJob;
import dev.ticketing.catalog.Performance;
import dev.ticketing.figures.MinuteFigures;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator console through the local gateway, over real HTTP, while a small sale happens: the
 * operator logs in with {@code OPERATOR_PASSWORD}, and the console's figures move with the buyers'
 * joins, the advancer's admissions, a reservation and a 409, each counted where it happened (the
 * issue-ticket, advance-queue and reserve-seat functions, as separate Lambdas would on AWS).
 */
class OperatorConsoleGatewayTest {
  private static final String PASSWORD = "gateway-test-password";
  private static final Duration FIGURES_DEADLINE = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalGateway gateway;
  private static ApplicationContext advancer;
  private static JsonMapper json;

  @BeforeAll
  static void start() {
    Map<String, String> env = new HashMap<>(TestStores.environment());
    env.put("PORT", "0");
    env.put("QUEUE_CAPACITY", "2");
    // The gateway's own timer stays out of the way; the test ticks the advancer itself.
    env.put("ADVANCE_INTERVAL_SECONDS", "60");
    env.put("OPERATOR_PASSWORD", PASSWORD);
    gateway = LocalGateway.start(env);
    advancer =
        TestStores.context(FunctionEnvironments.ADVANCE_QUEUE, Map.of("QUEUE_CAPACITY", "2"));
    json = advancer.getBean(JsonMapper.class);
  }

  @AfterAll
  static void stop() {
    advancer.close();
    gateway.close();
  }

  @Test
  void theLocalOperatorLogsInWithOperatorPasswordAndNothingElse() throws Exception {
    assertEquals(401, login("operator", "wrong password").statusCode());
    assertEquals(200, login("operator", PASSWORD).statusCode());
    assertEquals(
        401, send("GET", "/api/operator/performances/1/console", "not-a-token", null).statusCode());
  }

  @Test
  void theFiguresMoveWithJoinsAdmissionsAReservationAndAConflict() throws Exception {
    String operator = (String) body(login("operator", PASSWORD), 200).get("token");
    Performance p = TestPerformances.create(advancer, 2, 5);
    String console = "/api/operator/performances/" + p.id() + "/console";
    String queue = "/api/performances/" + p.id() + "/queue";

    Map<String, Object> quiet = body(send("GET", console, operator, null), 200);
    assertEquals("OPEN", quiet.get("saleState"));
    assertEquals(0, number(quiet, "waiting"));
    assertEquals(10, number(seats(quiet), "available"));
    assertEquals(MinuteFigures.SERIES_MINUTES, series(quiet).size());

    String[] tickets = new String[3];
    for (int i = 0; i < tickets.length; i++) {
      tickets[i] = (String) body(send("POST", queue, null, null), 201).get("queueToken");
    }
    assertEquals(3, number(body(send("GET", console, operator, null), 200), "waiting"));

    advancer.getBean(AdvanceQueueJob.class).tick();
    Map<String, Object> admitted =
        awaitConsole(console, operator, c -> total(c, "admissions") == 2);
    assertEquals(2, number(admitted, "called"));
    assertEquals(1, number(admitted, "waiting"));
    assertTrue(
        series(admitted).stream().anyMatch(m -> number(m, "waiting") == 1),
        "the tick's sample of the waiting: " + series(admitted));

    String first = access(queue, tickets[0]);
    String second = access(queue, tickets[1]);
    assertEquals(2, number(body(send("GET", console, operator, null), 200), "inSession"));

    long seat = firstSeat(p.id());
    String reservations = "/api/performances/" + p.id() + "/reservations";
    String wanted = "{\"seatIds\":[" + seat + "]}";
    assertEquals(201, send("POST", reservations, first, wanted).statusCode());
    assertEquals(409, send("POST", reservations, second, wanted).statusCode());

    Map<String, Object> sold =
        awaitConsole(
            console, operator, c -> total(c, "reservations") == 1 && total(c, "conflicts") == 1);
    assertEquals(9, number(seats(sold), "available"));
    assertEquals(1, number(seats(sold), "held"));
    assertEquals(0, number(seats(sold), "sold"));
    assertEquals(0, total(sold, "serverErrors"));
    Map<String, Object> lastMinute = map(sold.get("lastMinute"));
    assertTrue(number(lastMinute, "conflicts") <= 1 && number(lastMinute, "reservations") <= 1);
  }

  /** The console, read again until {@code ready} holds (the counts are written without waiting). */
  private static Map<String, Object> awaitConsole(
      String console, String token, Predicate<Map<String, Object>> ready) throws Exception {
    long deadline = System.nanoTime() + FIGURES_DEADLINE.toNanos();
    while (true) {
      Map<String, Object> c = body(send("GET", console, token, null), 200);
      if (ready.test(c)) {
        return c;
      }
      assertTrue(System.nanoTime() < deadline, "the figures did not move: " + c);
      Thread.sleep(20);
    }
  }

  /** A called ticket's claim: its access token. */
  private static String access(String queue, String ticket) throws Exception {
    Map<String, Object> claim = body(send("GET", queue, ticket, null), 200);
    assertEquals("ADMITTED", claim.get("status"), claim.toString());
    return (String) claim.get("accessToken");
  }

  private static long firstSeat(long performanceId) throws Exception {
    DataSource pool = DelegatingDataSource.unwrapDataSource(advancer.getBean(DataSource.class));
    try (Connection c = pool.getConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT MIN(id) FROM seats WHERE performance_id = ?")) {
      q.setLong(1, performanceId);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static long total(Map<String, Object> console, String figure) {
    return series(console).stream().mapToLong(m -> number(m, figure)).sum();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> series(Map<String, Object> console) {
    return (List<Map<String, Object>>) console.get("series");
  }

  private static Map<String, Object> seats(Map<String, Object> console) {
    return map(console.get("seats"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static HttpResponse<String> login(String operator, String password) throws Exception {
    return send(
        "POST",
        "/api/operator/login",
        null,
        "{\"operator\":\"" + operator + "\",\"password\":\"" + password + "\"}");
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
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
