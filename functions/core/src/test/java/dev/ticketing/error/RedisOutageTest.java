package dev.ticketing.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.config.Secrets;
import dev.ticketing.redis.RedisConnectionSet;
import dev.ticketing.redis.RedisConnections;
import dev.ticketing.settings.Settings;
import dev.ticketing.testing.RedisServerProcess;
import dev.ticketing.testing.ServerProcess;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A Redis that dies ({@code kill -9} of a real redis-server) is a store outage, whatever form
 * Lettuce's failure takes (a command in flight cut off, "Currently not connected. Commands are
 * rejected." while it reconnects): a 503 with Retry-After, never a 500 (issue 16, defect 3). Once
 * Redis is back, the same connection works again by itself.
 */
class RedisOutageTest {
  private static final int CALLERS = 4;

  @Test
  void aKilledRedisIsAStoreOutageUntilItIsBackAndThenTheConnectionWorksAgain() throws Exception {
    List<RuntimeException> failures = new ArrayList<>();
    try (RedisServerProcess server = RedisServerProcess.start()) {
      Settings settings =
          TestStores.settings(
              Map.of(
                  "REDIS_URL", server.url(),
                  "REDIS_COMMAND_TIMEOUT_MS", "500",
                  "REDIS_CONNECT_TIMEOUT_MS", "500"));
      RedisConnections factory = new RedisConnections();
      ClientResources resources = factory.redisClientResources();
      RedisClient client = factory.redisClient(resources, settings);
      ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
      try {
        StatefulRedisConnection<String, String> redis =
            factory.primary(client, settings, Secrets.of(settings), new RedisConnectionSet());
        ConcurrentLinkedQueue<RuntimeException> seen = new ConcurrentLinkedQueue<>();
        AtomicLong answered = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          running.add(
              callers.submit(
                  () -> {
                    while (!stop.get()) {
                      try {
                        redis.sync().incr("outage-calls");
                        answered.incrementAndGet();
                      } catch (RuntimeException e) {
                        seen.add(e);
                      }
                    }
                  }));
        }
        ServerProcess.awaitTrue(
            () -> answered.get() > 100, Duration.ofSeconds(30), () -> "no command answered");

        server.kill();
        ServerProcess.awaitTrue(
            () -> seen.size() > 50, Duration.ofSeconds(30), () -> "no command failed");
        server.restart();
        long answeredAtRestart = answered.get();
        long restarted = System.nanoTime();
        ServerProcess.awaitTrue(
            () -> answered.get() > answeredAtRestart,
            Duration.ofSeconds(10),
            () -> "the connection did not come back within 10 s of Redis");
        long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
        stop.set(true);
        for (Future<?> f : running) {
          f.get(30, TimeUnit.SECONDS);
        }
        failures.addAll(seen);
        System.out.println(
            "Redis killed: "
                + failures.size()
                + " failed commands, back "
                + recoveryMillis
                + " ms after the restart; kinds: "
                + kinds(failures).keySet());
      } finally {
        callers.shutdownNow();
        client.shutdown();
        resources.shutdown();
      }
    }

    assertFalse(failures.isEmpty());
    UnexpectedErrorHandler handler = new UnexpectedErrorHandler();
    for (RuntimeException failure : kinds(failures).values()) {
      assertTrue(StoreOutage.causedBy(failure), "not an outage: " + failure);
      HttpResponse<?> answer =
          handler.handle(HttpRequest.GET("/api/performances/1/seats"), failure);
      assertEquals(503, answer.getStatus().getCode(), failure.toString());
      assertEquals("2", answer.getHeaders().get(HttpHeaders.RETRY_AFTER), failure.toString());
    }
  }

  /** One failure of each kind (type and message). */
  private static Map<String, RuntimeException> kinds(List<RuntimeException> failures) {
    Map<String, RuntimeException> kinds = new LinkedHashMap<>();
    for (RuntimeException e : failures) {
      kinds.putIfAbsent(e.getClass().getName() + ": " + e.getMessage(), e);
    }
    return kinds;
  }
}
