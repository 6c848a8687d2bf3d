package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's burst: 2,500 buyers at once on keep-alive connections, each thinking a moment (so many
 * connections are idle at once) and then sending two requests back to back (a map read then a
 * reservation, as in the sell-out). The gateway must answer every one: no connection closed under a
 * request in flight. The requests are POSTs, which no client retries by itself, so a lost one
 * shows.
 */
class KeepAliveBurstTest {
  private static final int BUYERS = 2_500;
  private static final int ROUNDS = 3;
  private static final String RESERVATION =
      "POST /api/performances/1/reservations HTTP/1.1\r\nHost: gateway\r\n"
          + "Content-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"seatIds\":[1]}";

  @Test
  void aBurstOf2500BuyersOnKeepAliveConnectionsLosesNoRequest() throws Exception {
    AtomicInteger invocations = new AtomicInteger();
    Invoker functions =
        (function, event) -> {
          invocations.incrementAndGet();
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          r.setHeaders(Map.of("Content-Type", "application/json"));
          r.setBody("{\"ok\":true}");
          return r;
        };
    GatewayServer server =
        new GatewayServer(
            "127.0.0.1",
            0,
            functions,
            new StaticFiles(Optional.empty()),
            EdgeCache.standard(),
            GatewayLimits.standard(5_000));
    server.start();
    try {
      long started = System.nanoTime();
      KeepAliveCrowd.Outcome outcome =
          new KeepAliveCrowd(
                  new InetSocketAddress("127.0.0.1", server.port()), RESERVATION, ROUNDS, 1_000)
              .run(BUYERS, 120_000);
      System.out.printf(
          "%d buyers x %d requests in %d ms: %s%n",
          BUYERS, ROUNDS * 2, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), outcome);
      assertEquals(Map.of(), outcome.lost(), "requests lost");
      assertEquals(0, outcome.reopened(), "connections the gateway closed between requests");
      assertEquals(Map.of(200, BUYERS * ROUNDS * 2), outcome.statuses());
      assertEquals(BUYERS * ROUNDS * 2, invocations.get());
    } finally {
      server.close();
    }
  }
}
