package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.testing.TestStores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's slow clients against the whole gateway with its default settings: 300 clients from one
 * address (127.0.0.2) that send their headers one byte a second, or announce a body longer than
 * they send, and come back whenever they are cut off, while an honest buyer (127.0.0.1) polls its
 * place in the queue through the real poll-position function. The honest side is a few buyers, each
 * polling once every 1.25 s as its answers ask (1 s), together 20 polls a second.
 */
class SlowClientsTest {
  private static final int SLOW_CLIENTS = 300;
  private static final int WARM_UP_POLLS = 50;
  private static final int MEASURED_POLLS = 200;
  private static final int HONEST_BUYERS = 25;
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
  private static final Pattern TOKEN = Pattern.compile("\"queueToken\":\"([^\"]+)\"");
  private static LocalGateway gateway;

  @BeforeAll
  static void start() {
    Map<String, String> env = new HashMap<>(TestStores.environment());
    env.put("PORT", "0");
    env.put("POLL_AFTER_MIN_SECONDS", "1");
    env.put("POLL_AFTER_MAX_SECONDS", "1");
    env.put("JOIN_LIMIT_PER_ADDRESS", "0");
    gateway = LocalGateway.start(env);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void threeHundredSlowClientsDoNotSlowAnHonestBuyersPoll() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://127.0.0.1:" + gateway.port();
    Matcher id = ID.matcher(send(http, base, "GET", "/api/performances", null).body());
    assertTrue(id.find(), "the demo performance is listed");
    String queue = "/api/performances/" + id.group(1) + "/queue";
    String[] tokens = new String[HONEST_BUYERS];
    for (int b = 0; b < HONEST_BUYERS; b++) {
      Matcher token = TOKEN.matcher(send(http, base, "POST", queue, null).body());
      assertTrue(token.find(), "joined the queue");
      tokens[b] = token.group(1);
    }

    double[] alone = polls(http, base, queue, tokens);
    SlowCrowd crowd = new SlowCrowd(gateway.port());
    try {
      crowd.start();
      double[] millis = polls(http, base, queue, tokens);
      double p95Alone = p95(alone);
      double p95 = p95(millis);
      System.out.printf(
          "honest poll with %d slow clients: p50 %.2f ms, p95 %.2f ms, max %.2f ms (alone: p95"
              + " %.2f ms); slow connections cut off or refused: %d%n",
          SLOW_CLIENTS,
          millis[MEASURED_POLLS / 2],
          p95,
          millis[MEASURED_POLLS - 1],
          p95Alone,
          crowd.cutOff.get());
      // 50 ms is the bound on this machine kind; on a machine busy with other work the
      // honest poll may be slower alone, and the slow clients must then add no more than that.
      double bound = Math.max(50, 2 * p95Alone + 10);
      assertTrue(p95 <= bound, "p95 " + p95 + " ms, bound " + bound + " ms");
      assertTrue(crowd.cutOff.get() > 0, "the slow clients were cut off");
    } finally {
      crowd.close();
    }
  }

  /** The honest buyers' polls, each after its 1 s cadence: the sorted latencies in ms. */
  private static double[] polls(HttpClient http, String base, String queue, String[] tokens)
      throws IOException, InterruptedException {
    double[] millis = new double[MEASURED_POLLS];
    for (int i = -WARM_UP_POLLS; i < MEASURED_POLLS; i++) {
      long started = System.nanoTime();
      HttpResponse<String> poll =
          send(http, base, "GET", queue, tokens[Math.floorMod(i, HONEST_BUYERS)]);
      assertEquals(200, poll.statusCode(), poll.body());
      assertTrue(poll.body().contains("\"status\":"), poll.body());
      if (i >= 0) {
        millis[i] = (System.nanoTime() - started) / 1e6;
      }
      Thread.sleep(50); // each buyer polls every 25 x 50 ms = 1.25 s, after its 1 s cadence
    }
    Arrays.sort(millis);
    return millis;
  }

  private static double p95(double[] sorted) {
    return sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
  }

  private static HttpResponse<String> send(
      HttpClient http, String base, String method, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The attackers: half trickle their headers a byte a second, half announce 1,000 bytes of body
   * and send 10, then a byte a second. Each reconnects when the gateway cuts it off.
   */
  private static final class SlowCrowd implements AutoCloseable {
    private static final byte[] HEADERS =
        ("GET /api/performances HTTP/1.1\r\nHost: gateway\r\nX-Slow: "
                + "a".repeat(200)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHORT_BODY =
        ("POST /api/performances/1/reservations HTTP/1.1\r\nHost: gateway\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"seatIds\"")
            .getBytes(StandardCharsets.US_ASCII);

    final AtomicInteger cutOff = new AtomicInteger();
    private final int port;
    private final List<Slow> clients = new ArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(4);

    SlowCrowd(int port) {
      this.port = port;
    }

    void start() {
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        Slow client = new Slow(i % 2 == 0);
        clients.add(client);
        ticks.scheduleWithFixedDelay(
            client::tick, (i * 1000L) / SLOW_CLIENTS, 1000, TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void close() {
      ticks.shutdownNow();
      clients.forEach(Slow::close);
    }

    private final class Slow {
      private final boolean trickleHeaders;
      private Socket socket;
      private OutputStream out;
      private int sent;

      Slow(boolean trickleHeaders) {
        this.trickleHeaders = trickleHeaders;
      }

      synchronized void tick() {
        try {
          if (socket == null) {
            socket = new Socket();
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            out = socket.getOutputStream();
            sent = 0;
            if (!trickleHeaders) {
              out.write(SHORT_BODY);
              out.flush();
            }
            return;
          }
          out.write(trickleHeaders ? HEADERS[sent++ % HEADERS.length] : 'x');
          out.flush();
          if (socket.getInputStream().available() > 0) {
            throw new IOException("answered: cut off");
          }
        } catch (IOException e) {
          cutOff.incrementAndGet();
          close();
        }
      }

      synchronized void close() {
        if (socket != null) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // already gone
          }
          socket = null;
        }
      }
    }
  }
}
