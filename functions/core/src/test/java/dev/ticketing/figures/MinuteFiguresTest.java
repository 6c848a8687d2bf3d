package dev.ticketing.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.config.Secrets;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.RedisConnectionSet;
import dev.ticketing.redis.RedisConnections;
import dev.ticketing.settings.Settings;
import dev.ticketing.testing.RedisServerProcess;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's figures per performance and minute on a real Redis: counted where they happen, read
 * back as the last 10 minutes (oldest first, missing minutes as zeros), kept for 15 minutes; the
 * 5xx of a performance's routes are counted by the shared error mapping, a pause's 503 is not.
 */
class MinuteFiguresTest {
  private static final AtomicLong PERFORMANCES = new AtomicLong(System.nanoTime() % 1_000_000_000L);
  private static ApplicationContext ctx;

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.POLL_POSITION);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  private static long performance() {
    return 7_000_000_000L + PERFORMANCES.incrementAndGet();
  }

  @Test
  void countedFiguresAreReadBackInTheCurrentMinuteAndEarlierMinutesAreZeros() {
    long p = performance();
    MinuteCounters counters = ctx.getBean(MinuteCounters.class);
    counters.ticked(p, 3, 40).join();
    counters.ticked(p, 2, 37).join();
    counters.add(p, Figure.RESERVATIONS, 1).join();
    counters.add(p, Figure.CONFLICTS, 1).join();
    counters.add(p, Figure.CONFLICTS, 1).join();

    List<MinuteFigures.Minute> series = ctx.getBean(MinuteFigures.class).series(p, Instant.now());
    assertEquals(MinuteFigures.SERIES_MINUTES, series.size());
    for (int i = 1; i < series.size(); i++) {
      assertEquals(
          60,
          series.get(i).minute().getEpochSecond() - series.get(i - 1).minute().getEpochSecond());
    }
    MinuteFigures.Minute current = series.get(series.size() - 1);
    // A minute may turn between the writes and the read: count over the whole series.
    assertEquals(5, series.stream().mapToLong(MinuteFigures.Minute::admissions).sum());
    assertEquals(1, series.stream().mapToLong(MinuteFigures.Minute::reservations).sum());
    assertEquals(2, series.stream().mapToLong(MinuteFigures.Minute::conflicts).sum());
    assertTrue(current.waiting() == 37 || series.get(series.size() - 2).waiting() == 37);
    assertEquals(0, series.get(0).admissions() + series.get(0).reservations());
  }

  @Test
  void aMinutesFiguresExpireAfterFifteenMinutes() {
    long p = performance();
    ctx.getBean(MinuteCounters.class).add(p, Figure.ADMISSIONS, 1).join();
    long minute = FigureKeys.minuteOf(Instant.now());
    StatefulRedisConnection<String, String> redis = primary();
    FigureKeys keys = new FigureKeys(p);
    long ttl =
        Math.max(
            redis.sync().pttl(keys.minute(minute)), redis.sync().pttl(keys.minute(minute - 1)));
    assertTrue(
        ttl > MinuteCounters.KEPT.toMillis() - 60_000 && ttl <= MinuteCounters.KEPT.toMillis(),
        "ttl " + ttl);
  }

  @Test
  void fiveHundredsOfAPerformancesRoutesAreCountedButNotAPausesOr4xx() {
    long p = performance();
    ServerErrorFigures errors = ctx.getBean(ServerErrorFigures.class);
    String queue = "/api/performances/" + p + "/queue";
    errors.answered(500, Map.of("error", "internal_error"), "GET", queue).join();
    errors.answered(503, Map.of("error", "service_unavailable"), "POST", queue).join();
    errors
        .answered(
            503, Map.of("error", "sale_paused"), "POST", "/api/performances/" + p + "/reservations")
        .join();
    errors.answered(409, Map.of("error", "seat_unavailable"), "POST", queue).join();
    errors.answered(500, Map.of("error", "internal_error"), "GET", "/api/performances").join();
    errors
        .answered(
            500,
            Map.of("error", "internal_error"),
            "GET",
            "/api/operator/performances/" + p + "/console")
        .join();

    List<MinuteFigures.Minute> series = ctx.getBean(MinuteFigures.class).series(p, Instant.now());
    assertEquals(2, series.stream().mapToLong(MinuteFigures.Minute::serverErrors).sum());
  }

  @Test
  void aCountWhileRedisIsDownIsLostWithoutFailingItsCaller() throws Exception {
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
      try {
        StatefulRedisConnection<String, String> redis =
            factory.primary(client, settings, Secrets.of(settings), new RedisConnectionSet());
        MinuteCounters counters = new MinuteCounters(redis, Clock.systemUTC());
        long p = performance();
        counters.add(p, Figure.RESERVATIONS, 1).get(10, TimeUnit.SECONDS);
        long minute = FigureKeys.minuteOf(Instant.now());
        FigureKeys keys = new FigureKeys(p);
        assertEquals(
            1,
            count(redis.sync().hget(keys.minute(minute), "reservations"))
                + count(redis.sync().hget(keys.minute(minute - 1), "reservations")),
            "counted while Redis is up");

        server.kill();
        for (int i = 0; i < 20; i++) {
          // Returns at once and completes normally: the figure is lost, the caller never fails.
          assertNull(counters.add(p, Figure.CONFLICTS, 1).get(10, TimeUnit.SECONDS));
          assertNull(counters.ticked(p, 1, 1).get(10, TimeUnit.SECONDS));
        }
      } finally {
        client.shutdown();
        resources.shutdown();
      }
    }
  }

  private static long count(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }

  @SuppressWarnings("unchecked")
  private static StatefulRedisConnection<String, String> primary() {
    return ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
  }
}
