package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge cache in the gateway's request path, over real HTTP: the catalog answers public for a
 * minute, the queue privately; a counting function stands behind the gateway.
 */
class EdgeCacheGatewayTest {
  private final AtomicInteger catalogCalls = new AtomicInteger();
  private final AtomicInteger queueCalls = new AtomicInteger();
  private GatewayServer server;
  private GatewayHttp http;

  @BeforeEach
  void start() throws Exception {
    Invoker functions =
        (function, event) -> {
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          if (event.getPath().equals("/api/performances") && event.getHttpMethod().equals("GET")) {
            catalogCalls.incrementAndGet();
            slowLikeAFunction();
            r.setStatusCode(200);
            r.setHeaders(
                Map.of("Cache-Control", "public, max-age=60", "Content-Type", "application/json"));
            r.setBody("[]");
          } else {
            queueCalls.incrementAndGet();
            r.setStatusCode(200);
            r.setHeaders(Map.of("Cache-Control", "no-store"));
            r.setBody(event.getHttpMethod() + " " + bearer(event));
          }
          return r;
        };
    server =
        new GatewayServer(
            "127.0.0.1", 0, functions, new StaticFiles(Optional.empty()), EdgeCache.standard(), 64);
    server.start();
    http = new GatewayHttp(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void concurrentBuyersOfAPublicAnswerCostOneFunctionInvocation() throws Exception {
    List<HttpResponse<String>> answers = concurrently(40, () -> http.get("/api/performances"));
    answers.addAll(concurrently(40, () -> http.get("/api/performances")));
    assertEquals(1, catalogCalls.get(), "80 requests within the answer's max-age");
    for (HttpResponse<String> a : answers) {
      assertEquals(200, a.statusCode());
      assertEquals("[]", a.body());
    }
    assertEquals(
        79,
        answers.stream()
            .filter(a -> a.headers().firstValue("X-Cache").orElse("").equals(EdgeCache.HIT))
            .count());
  }

  @Test
  void privateAnswersAndOtherMethodsAlwaysReachTheFunction() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals("GET null", http.get("/api/performances/1/queue").body());
      http.send("POST", "/api/performances/1/queue", "application/json", "");
    }
    assertEquals(6, queueCalls.get());
  }

  private static String bearer(APIGatewayProxyRequestEvent event) {
    return event.getHeaders().get("Authorization");
  }

  private static void slowLikeAFunction() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> List<T> concurrently(int threads, java.util.concurrent.Callable<T> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
