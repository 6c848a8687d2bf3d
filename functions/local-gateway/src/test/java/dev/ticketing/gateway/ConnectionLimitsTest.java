package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's limits on a client, with short clocks (1 s for headers and body) and a cap of 4
 * connections per address, in front of a function that answers at once (or after 2 s for {@code
 * /api/performances/2}).
 */
class ConnectionLimitsTest {
  private static final String POLL =
      "GET /api/performances/1/queue HTTP/1.1\r\nHost: gateway\r\n\r\n";
  private GatewayServer server;

  private int start() throws Exception {
    Invoker functions =
        (function, event) -> {
          if (event.getPath().equals("/api/performances/2")) {
            try {
              Thread.sleep(2_000); // a slow function, not a slow client
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          r.setHeaders(Map.of("Content-Type", "application/json"));
          r.setBody("{\"status\":\"WAITING\"}");
          return r;
        };
    server =
        new GatewayServer(
            "127.0.0.1",
            0,
            functions,
            new StaticFiles(Optional.empty()),
            EdgeCache.standard(),
            GatewayLimits.standard(4).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    server.start();
    return server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void headersTrickledAByteAtATimeAreAnswered408AtTheHeaderTimeout() throws Exception {
    int port = start();
    try (RawHttp slow = new RawHttp(port)) {
      long started = System.nanoTime();
      for (char c : "GET /api/perf".toCharArray()) {
        slow.send(String.valueOf(c));
      }
      RawHttp.Answer answer = slow.read();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(408, answer.status());
      assertTrue(answer.body().contains("\"error\":\"request_timeout\""), answer.body());
      assertTrue(answer.closed());
      assertTrue(millis >= 900, "cut off after " + millis + " ms, before the timeout");
      assertTrue(slow.closedWithin(5_000), "the connection is closed");
    }
  }

  @Test
  void aBodyShorterThanItsContentLengthIsAnswered408AtTheBodyTimeout() throws Exception {
    int port = start();
    try (RawHttp slow = new RawHttp(port)) {
      slow.send(
          "POST /api/performances/1/reservations HTTP/1.1\r\nHost: gateway\r\n"
              + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"seat");
      RawHttp.Answer answer = slow.read();
      assertEquals(408, answer.status());
      assertTrue(answer.body().contains("body did not arrive"), answer.body());
      assertTrue(slow.closedWithin(5_000), "the connection is closed");
    }
  }

  @Test
  void anIdleKeepAliveConnectionOutlivesTheReadTimeouts() throws Exception {
    int port = start();
    try (RawHttp client = new RawHttp(port)) {
      assertEquals(200, client.send(POLL).read().status());
      assertTrue(!client.closedWithin(2_500), "closed while idle");
      assertEquals(200, client.send(POLL).read().status());
    }
  }

  @Test
  void aSlowFunctionIsNotTakenForASlowClient() throws Exception {
    int port = start();
    try (RawHttp client = new RawHttp(port)) {
      RawHttp.Answer answer =
          client.send("GET /api/performances/2 HTTP/1.1\r\nHost: gateway\r\n\r\n").read();
      assertEquals(200, answer.status());
      assertEquals(200, client.send(POLL).read().status());
    }
  }

  @Test
  void connectionsBeyondTheCapOfAnAddressAreRefusedAndOtherAddressesServed() throws Exception {
    int port = start();
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        RawHttp client = new RawHttp("127.0.0.3", port);
        held.add(client);
        assertEquals(200, client.send(POLL).read().status());
      }
      try (RawHttp fifth = new RawHttp("127.0.0.3", port)) {
        RawHttp.Answer refused = fifth.send(POLL).read();
        assertEquals(429, refused.status());
        assertTrue(refused.body().contains("\"error\":\"too_many_connections\""), refused.body());
        assertTrue(fifth.closedWithin(5_000));
      }
      try (RawHttp other = new RawHttp("127.0.0.4", port)) {
        assertEquals(200, other.send(POLL).read().status());
      }
      for (RawHttp client : held) {
        assertEquals(200, client.send(POLL).read().status(), "held connections still serve");
      }

      held.remove(0).close();
      awaitServed("127.0.0.3", port);
    } finally {
      for (RawHttp client : held) {
        client.close();
      }
    }
  }

  /** A closed connection frees its place as soon as the gateway has seen it close. */
  private static void awaitServed(String address, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (RawHttp again = new RawHttp(address, port)) {
        int status = again.send(POLL).read().status();
        if (status == 200) {
          return;
        }
        assertEquals(429, status);
      }
      assertTrue(System.nanoTime() < deadline, "the freed place was never given again");
      Thread.onSpinWait();
    }
  }
}
