package dev.ticketing.reliability;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The gateway's HTTP API as a buyer's client calls it; every answer is recorded. */
final class Api {
  private static final JsonMapper JSON = JsonMapper.createDefault();

  /** An answer: status, JSON body (a map, or null), the Retry-After header. */
  record Answer(int status, Map<String, Object> body, String retryAfter) {
    String error() {
      return body == null ? null : (String) body.get("error");
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final String base;
  private final Recorder recorder;

  Api(int port, Recorder recorder) {
    this.base = "http://127.0.0.1:" + port;
    this.recorder = recorder;
  }

  Answer joinQueue(long performanceId, String queueToken) throws IOException {
    return call("POST /queue", "POST", queuePath(performanceId), queueToken, null);
  }

  Answer poll(long performanceId, String queueToken) throws IOException {
    return call("GET /queue", "GET", queuePath(performanceId), queueToken, null);
  }

  Answer leave(long performanceId, String queueToken) throws IOException {
    return call("DELETE /queue", "DELETE", queuePath(performanceId), queueToken, null);
  }

  Answer seats(long performanceId, String accessToken) throws IOException {
    return call(
        "GET /seats", "GET", "/api/performances/" + performanceId + "/seats", accessToken, null);
  }

  Answer confirm(long performanceId, String reservationId, String holdToken) throws IOException {
    return call(
        "POST /confirm",
        "POST",
        "/api/performances/" + performanceId + "/reservations/" + reservationId + "/confirm",
        holdToken,
        "{\"name\":\"Ana Lima\",\"email\":\"ana@example.com\"}");
  }

  Answer reserve(long performanceId, String accessToken, List<Long> seatIds) throws IOException {
    String body =
        "{\"seatIds\":["
            + seatIds.stream().map(String::valueOf).collect(Collectors.joining(","))
            + "]}";
    return call(
        "POST /reservations",
        "POST",
        "/api/performances/" + performanceId + "/reservations",
        accessToken,
        body);
  }

  Answer catalog() throws IOException {
    return call("GET /performances", "GET", "/api/performances", null, null);
  }

  private static String queuePath(long performanceId) {
    return "/api/performances/" + performanceId + "/queue";
  }

  private Answer call(String route, String method, String path, String token, String body)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response;
    long started = System.nanoTime();
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      recorder.failed(route, e, millisSince(started));
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Answer answer =
        new Answer(
            response.statusCode(),
            parse(response.body()),
            response.headers().firstValue("Retry-After").orElse(null));
    recorder.answered(route, answer, millisSince(started));
    return answer;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static Map<String, Object> parse(String body) {
    if (body == null || body.isBlank() || !body.startsWith("{")) {
      return null;
    }
    try {
      return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      return Map.of("unparsed", body);
    }
  }
}
