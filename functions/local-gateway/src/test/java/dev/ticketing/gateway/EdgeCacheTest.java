package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway's stand-in for CloudFront's cache, on a clock the test moves. */
class EdgeCacheTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final EdgeCache cache = new EdgeCache(nanos::get, 1 << 20);
  private final AtomicInteger calls = new AtomicInteger();

  private EdgeCache.Origin answering(int status, String cacheControl) {
    return conditional -> {
      int n = calls.incrementAndGet();
      APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
      r.setStatusCode(status);
      r.setHeaders(Map.of("Cache-Control", cacheControl, "Content-Type", "application/json"));
      r.setBody("{\"call\":" + n + "}");
      return r;
    };
  }

  private void advanceMillis(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void nSecondsOfHitsCostOneFunctionInvocation() {
    EdgeCache.Origin origin = answering(200, "public, max-age=5");
    APIGatewayProxyResponseEvent first = cache.get("/api/performances", null, origin);
    assertEquals(EdgeCache.MISS, EdgeCache.header(first, "X-Cache"));
    for (int i = 0; i < 499; i++) {
      advanceMillis(10);
      APIGatewayProxyResponseEvent hit = cache.get("/api/performances", null, origin);
      assertEquals(200, hit.getStatusCode());
      assertEquals("{\"call\":1}", hit.getBody());
      assertEquals(EdgeCache.HIT, EdgeCache.header(hit, "X-Cache"));
      assertEquals("public, max-age=5", EdgeCache.header(hit, "Cache-Control"));
    }
    assertEquals(1, calls.get(), "4.99 s of hits");
    assertEquals("4", EdgeCache.header(cache.get("/api/performances", null, origin), "Age"));

    advanceMillis(10);
    assertEquals("{\"call\":2}", cache.get("/api/performances", null, origin).getBody());
    assertEquals(2, calls.get(), "after 5 s the function is asked again");
  }

  @Test
  void sMaxAgeIsTheSharedCachesLifetime() {
    EdgeCache.Origin origin = answering(200, "public, max-age=60, s-maxage=2");
    cache.get("/k", null, origin);
    advanceMillis(1_999);
    cache.get("/k", null, origin);
    assertEquals(1, calls.get());
    advanceMillis(1);
    cache.get("/k", null, origin);
    assertEquals(2, calls.get());
  }

  @Test
  void theQueryIsPartOfTheKey() {
    EdgeCache.Origin origin = answering(200, "public, max-age=60");
    cache.get(EdgeCache.key("/k", "a=1"), null, origin);
    cache.get(EdgeCache.key("/k", "a=2"), null, origin);
    cache.get(EdgeCache.key("/k", null), null, origin);
    cache.get(EdgeCache.key("/k", "a=1"), null, origin);
    assertEquals(3, calls.get());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "max-age=60",
        "private, max-age=60",
        "public, no-store, max-age=60",
        "public, no-cache, max-age=60",
        "public",
        "public, max-age=0",
        "public, max-age=abc",
        "no-store"
      })
  void anAnswerThatIsNotPublicWithALifetimeIsNeverKept(String cacheControl) {
    EdgeCache.Origin origin = answering(200, cacheControl);
    for (int i = 0; i < 3; i++) {
      APIGatewayProxyResponseEvent r = cache.get("/k", null, origin);
      assertNull(EdgeCache.header(r, "X-Cache"), "an answer passed through is left as it was");
    }
    assertEquals(3, calls.get());
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 204, 301, 304, 400, 404, 429, 500, 503})
  void anErrorOrAnyOtherStatusIsNeverKept(int status) {
    EdgeCache.Origin origin = answering(status, "public, max-age=60");
    for (int i = 0; i < 3; i++) {
      assertEquals(status, cache.get("/k", null, origin).getStatusCode());
    }
    assertEquals(3, calls.get());
  }

  @Test
  void anAnswerSettingACookieIsNeverKept() {
    EdgeCache.Origin origin =
        conditional -> {
          calls.incrementAndGet();
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          r.setMultiValueHeaders(
              Map.of("Cache-Control", List.of("public, max-age=60"), "Set-Cookie", List.of("a=b")));
          return r;
        };
    cache.get("/k", null, origin);
    cache.get("/k", null, origin);
    assertEquals(2, calls.get());
  }

  @Test
  void concurrentMissesForOneKeyMakeOneFunctionCall() throws Exception {
    EdgeCache real = EdgeCache.standard();
    EdgeCache.Origin slow =
        conditional -> {
          calls.incrementAndGet();
          sleepLikeAFunction(300);
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          r.setHeaders(Map.of("Cache-Control", "public, max-age=60"));
          r.setBody("map");
          return r;
        };
    List<APIGatewayProxyResponseEvent> answers = concurrently(50, () -> real.get("/k", null, slow));
    assertEquals(1, calls.get(), "50 concurrent misses");
    answers.forEach(a -> assertEquals("map", a.getBody()));
  }

  @Test
  void concurrentMissesWhoseAnswerMayNotBeSharedEachGetTheirOwn() throws Exception {
    EdgeCache real = EdgeCache.standard();
    EdgeCache.Origin perBuyer =
        conditional -> {
          int n = calls.incrementAndGet();
          sleepLikeAFunction(100);
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          r.setHeaders(Map.of("Cache-Control", "no-store"));
          r.setBody("buyer " + n);
          return r;
        };
    List<APIGatewayProxyResponseEvent> answers =
        concurrently(20, () -> real.get("/queue", null, perBuyer));
    assertEquals(20, calls.get());
    assertEquals(
        20, answers.stream().map(APIGatewayProxyResponseEvent::getBody).distinct().count());
  }

  @Test
  void aKeyWhoseAnswersAreNotKeptIsPassedStraightThroughWithTheClientsConditionals() {
    List<Boolean> conditionals = new ArrayList<>();
    EdgeCache.Origin origin =
        conditional -> {
          conditionals.add(conditional);
          return answering(200, "private, no-cache").call(conditional);
        };
    cache.get("/map", "\"7\"", origin);
    cache.get("/map", "\"7\"", origin);
    cache.get("/map", "\"7\"", origin);
    assertEquals(List.of(false, true, true), conditionals);
  }

  @Test
  void anIfNoneMatchNamingTheKeptTagIsAnsweredNotModified() {
    List<Boolean> conditionals = new ArrayList<>();
    EdgeCache.Origin origin =
        conditional -> {
          conditionals.add(conditional);
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          r.setHeaders(Map.of("Cache-Control", "public, max-age=60", "ETag", "\"42\""));
          r.setBody("catalog");
          return r;
        };
    APIGatewayProxyResponseEvent miss = cache.get("/k", "\"42\"", origin);
    assertEquals(304, miss.getStatusCode(), "the client already has what was fetched");
    assertEquals(List.of(false), conditionals, "fetched without the client's If-None-Match");
    APIGatewayProxyResponseEvent hit = cache.get("/k", "W/\"42\"", origin);
    assertEquals(304, hit.getStatusCode());
    assertNull(hit.getBody());
    assertEquals("\"42\"", EdgeCache.header(hit, "ETag"));
    assertEquals(200, cache.get("/k", "\"41\"", origin).getStatusCode());
    assertEquals("catalog", cache.get("/k", null, origin).getBody());
    assertEquals(1, conditionals.size());
  }

  @Test
  void aFailedCallIsNotKept() {
    EdgeCache.Origin failing =
        conditional -> {
          calls.incrementAndGet();
          throw new IllegalStateException("function down");
        };
    for (int i = 0; i < 2; i++) {
      try {
        cache.get("/k", null, failing);
      } catch (IllegalStateException expected) {
        // the caller answers it
      }
    }
    assertEquals(2, calls.get());
    assertEquals(
        "{\"call\":3}", cache.get("/k", null, answering(200, "public, max-age=9")).getBody());
  }

  @Test
  void answersBeyondTheCachesSizeArePassedOnUnkept() {
    EdgeCache small = new EdgeCache(nanos::get, 200);
    EdgeCache.Origin big =
        conditional -> {
          calls.incrementAndGet();
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          r.setHeaders(Map.of("Cache-Control", "public, max-age=60"));
          r.setBody("x".repeat(1_000));
          return r;
        };
    assertEquals(1_000, small.get("/big", null, big).getBody().length());
    small.get("/big", null, big);
    assertEquals(2, calls.get());
  }

  @Test
  void ifNoneMatchIsComparedWeaklyAgainstEachListedTag() {
    assertFalse(EdgeCache.matches(null, "\"1\""));
    assertFalse(EdgeCache.matches("\"1\"", null));
    assertTrue(EdgeCache.matches("\"2\", W/\"1\"", "\"1\""));
    assertTrue(EdgeCache.matches("*", "\"1\""));
    assertFalse(EdgeCache.matches("\"10\"", "\"1\""));
  }

  private static void sleepLikeAFunction(long millis) {
    try {
      Thread.sleep(millis);
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
        results.add(f.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
