package dev.ticketing.bench.holds;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.catalog.DemoPerformance;
import dev.ticketing.catalog.LayoutFile;
import dev.ticketing.catalog.LayoutImporter;
import dev.ticketing.catalog.Performance;
import dev.ticketing.error.ApiException;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.BackstopViolations;
import dev.ticketing.reservation.BestAvailableRequest;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.MapSeat;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.seats.SeatMapView;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Best available against choosing on the map: the same crowd (bench.buyers, 1,000, all released by
 * one latch) wants 2 seats together on the 500-seat demo performance, against real MariaDB and
 * Redis (those of DATABASE_URL / REDIS_URL, else embedded ones), through the reservation service
 * (Reservations: the live map, the lock strategy, MySQL). Not a test: run it with
 *
 * <pre>
 * ./mvnw -q -B package -DskipTests -pl functions/benchmarks -am
 * java -cp functions/benchmarks/target/benchmarks-all.jar dev.ticketing.bench.holds.BestAvailableBenchmark
 * </pre>
 *
 * <ul>
 *   <li>best available: each buyer asks {@code {"count": 2}} until it holds a pair or is told no
 *       pair is left ({@code 409 no_seats_together});
 *   <li>on the map: each buyer reads the live map, picks a random free pair of adjacent seats and
 *       holds it; after a {@code 409} it reads the map again and picks again, until no free pair is
 *       left on the map.
 * </ul>
 *
 * A 409 counts as a lost race unless it is best available's "no pair left" answered after the last
 * pair was taken. Printed: pairs held, double bookings (MySQL), orphan single seats (a free seat
 * with both sides taken or the row's end) against the unavoidable ones (rows of an odd seat count),
 * the share of answers that were lost races, p50/p95 of the requests.
 */
public final class BestAvailableBenchmark {
  private BestAvailableBenchmark() {}

  /** Redis's own time in this run's scripts (INFO commandstats: EVAL and EVALSHA). */
  record RedisTime(long calls, long micros) {
    double perCallMicros() {
      return calls == 0 ? 0 : (double) micros / calls;
    }
  }

  record Result(
      String name,
      long pairs,
      long doubleBookings,
      long orphans,
      long attempts,
      long lostRaces,
      long outages,
      RedisTime redis,
      double p50Ms,
      double p95Ms,
      double seconds) {}

  public static void main(String[] args) throws Exception {
    int status = 1;
    try {
      compare();
      status = 0;
    } finally {
      // The embedded stores' process watchers are not daemon threads: without an exit the JVM
      // waits for them, and their shutdown hook (which stops them) never runs.
      System.exit(status);
    }
  }

  private static void compare() throws Exception {
    int buyers = Integer.getInteger("bench.buyers", 1000);
    String strategy = System.getProperty("bench.strategy", "atomic");
    try (ApplicationContext ctx =
        TestStores.context(
            FunctionEnvironments.RESERVE_SEAT,
            Map.of("LOCK_STRATEGY", strategy, "DATABASE_POOL_SIZE", "10"))) {
      List<Result> results = new ArrayList<>();
      results.add(run(ctx, "best available", buyers, true));
      results.add(run(ctx, "choosing on the map", buyers, false));
      long unavoidable = unavoidableOrphans(ctx);
      System.out.printf(
          Locale.ROOT,
          "%n%d buyers wanting 2 seats together, 500-seat demo, strategy %s, %s%n",
          buyers,
          strategy,
          Instant.now().truncatedTo(ChronoUnit.SECONDS));
      System.out.printf(
          Locale.ROOT,
          "| crowd | pairs held | double bookings | orphan single seats (unavoidable: %d) | requests"
              + " | 409 (lost races) | share 409 | 503 | p50 ms | p95 ms | seconds"
              + " | Redis script calls | Redis script ms | µs per call |%n",
          unavoidable);
      System.out.println(
          "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
      for (Result r : results) {
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %d | %d | %d | %d | %.1f %% | %d | %.1f | %.1f | %.1f | %d | %.0f | %.0f"
                + " |%n",
            r.name(),
            r.pairs(),
            r.doubleBookings(),
            r.orphans(),
            r.attempts(),
            r.lostRaces(),
            100.0 * r.lostRaces() / Math.max(1, r.attempts()),
            r.outages(),
            r.p50Ms(),
            r.p95Ms(),
            r.seconds(),
            r.redis().calls(),
            r.redis().micros() / 1e3,
            r.redis().perCallMicros());
      }
      System.out.printf(
          Locale.ROOT, "backstop violations: %d%n", ctx.getBean(BackstopViolations.class).count());
    }
  }

  private static Result run(ApplicationContext ctx, String name, int buyers, boolean best)
      throws Exception {
    Performance performance = demo(ctx, name);
    Reservations reservations = ctx.getBean(Reservations.class);
    LiveSeatMap map = ctx.getBean(LiveSeatMap.class);
    map.full(performance.id(), LiveSeatMap.NO_VERSION);
    Map<Long, SeatInfo> layout = new LinkedHashMap<>();
    ctx.getBean(SeatLayoutRepository.class)
        .findLayout(performance.id())
        .forEach(s -> layout.put(s.id(), s));
    List<AccessClaims> sessions = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      TestSessions.Session s = TestSessions.open(ctx, performance.id());
      sessions.add(
          new AccessClaims(
              performance.id(),
              s.ticketNumber(),
              s.sessionId(),
              Instant.now().plusSeconds(600).getEpochSecond()));
    }
    @SuppressWarnings("unchecked")
    StatefulRedisConnection<String, String> primary =
        ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
    RedisCommands<String, String> redis = primary.sync();
    redis.configResetstat();
    List<long[]> answers = Collections.synchronizedList(new ArrayList<>()); // start, end, status
    AtomicLong pairs = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(buyers);
    long began;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < buyers; i++) {
        AccessClaims buyer = sessions.get(i);
        Random random = new Random(i);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  while (true) {
                    List<Long> pair = null;
                    if (!best) {
                      long r0 = System.nanoTime();
                      try {
                        pair = randomFreePair(map, performance.id(), layout, random);
                      } catch (RuntimeException e) {
                        // The map read (GET /seats) timed out: the API's 503, read again after 2 s.
                        answers.add(new long[] {r0, System.nanoTime(), 503});
                        Thread.sleep(2_000);
                        continue;
                      }
                      if (pair == null) {
                        return null;
                      }
                    }
                    long t0 = System.nanoTime();
                    int status;
                    try {
                      if (best) {
                        reservations.holdBest(
                            performance.id(), buyer, new BestAvailableRequest(2, null));
                      } else {
                        reservations.reserve(performance.id(), buyer, pair);
                      }
                      status = 201;
                    } catch (ApiException e) {
                      status = e.status().getCode();
                    } catch (RuntimeException e) {
                      status = 503; // a store outage (e.g. a Redis command timeout): the API's 503
                    }
                    answers.add(new long[] {t0, System.nanoTime(), status});
                    if (status == 201) {
                      pairs.incrementAndGet();
                      return null;
                    }
                    if (status == 503) {
                      Thread.sleep(2_000); // the client's retry after Retry-After: 2
                      continue;
                    }
                    if (status != 409 || best) {
                      return null;
                    }
                  }
                }));
      }
      began = System.nanoTime();
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    RedisTime redisTime = scriptTime(redis.info("commandstats"));
    long lastWinStart =
        answers.stream().filter(a -> a[2] == 201).mapToLong(a -> a[0]).max().orElse(0);
    long lost = answers.stream().filter(a -> a[2] == 409 && (!best || a[1] < lastWinStart)).count();
    List<Long> latencies = new ArrayList<>(answers.stream().map(a -> a[1] - a[0]).toList());
    latencies.sort(Comparator.naturalOrder());
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    long doubleBookings =
        audit.seatsInSeveralReservations(performance.id())
            + audit.takenSeatsWithoutOneReservation(performance.id())
            + audit.reservationSeatsOutOfStep(performance.id());
    return new Result(
        name,
        pairs.get(),
        doubleBookings,
        orphans(map, performance.id(), layout),
        answers.size(),
        lost,
        answers.stream().filter(a -> a[2] == 503).count(),
        redisTime,
        percentile(latencies, 0.50),
        percentile(latencies, 0.95),
        seconds);
  }

  /** A fresh copy of the demo performance (its layout, a sale open now). */
  private static Performance demo(ApplicationContext ctx, String run) {
    LayoutFile demo = ctx.getBean(DemoPerformance.class).layout();
    Instant now = Instant.now();
    Instant startsAt = now.plus(java.time.Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
    return ctx.getBean(LayoutImporter.class)
        .create(
            new LayoutFile(
                demo.name() + " (" + run + " " + now.toEpochMilli() + ")",
                demo.venue(),
                startsAt,
                now.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS),
                startsAt,
                demo.grades(),
                demo.zones()),
            now);
  }

  /** Rows in layout order: zone and row → seats by number. */
  private static Map<String, List<SeatInfo>> rows(Map<Long, SeatInfo> layout) {
    Map<String, List<SeatInfo>> rows = new LinkedHashMap<>();
    for (SeatInfo s : layout.values()) {
      rows.computeIfAbsent(s.zone() + "/" + s.row(), k -> new ArrayList<>()).add(s);
    }
    rows.values().forEach(r -> r.sort(Comparator.comparingInt(SeatInfo::number)));
    return rows;
  }

  private static Set<Long> free(LiveSeatMap map, long performanceId) {
    SeatMapView.Full full = (SeatMapView.Full) map.full(performanceId, LiveSeatMap.NO_VERSION);
    Set<Long> free = new HashSet<>();
    for (MapSeat s : full.seats()) {
      if (s.status() == dev.ticketing.catalog.SeatStatus.AVAILABLE) {
        free.add(s.id());
      }
    }
    return free;
  }

  /** What a buyer who wants two seats together picks on the map: any free adjacent pair. */
  private static List<Long> randomFreePair(
      LiveSeatMap map, long performanceId, Map<Long, SeatInfo> layout, Random random) {
    Set<Long> free = free(map, performanceId);
    List<List<Long>> pairs = new ArrayList<>();
    for (List<SeatInfo> row : rows(layout).values()) {
      for (int i = 0; i + 1 < row.size(); i++) {
        if (free.contains(row.get(i).id()) && free.contains(row.get(i + 1).id())) {
          pairs.add(List.of(row.get(i).id(), row.get(i + 1).id()));
        }
      }
    }
    return pairs.isEmpty() ? null : pairs.get(random.nextInt(pairs.size()));
  }

  /** Free seats with both sides taken or the row's end. */
  private static long orphans(LiveSeatMap map, long performanceId, Map<Long, SeatInfo> layout) {
    Set<Long> free = free(map, performanceId);
    long orphans = 0;
    for (List<SeatInfo> row : rows(layout).values()) {
      for (int i = 0; i < row.size(); i++) {
        boolean leftTaken = i == 0 || !free.contains(row.get(i - 1).id());
        boolean rightTaken = i == row.size() - 1 || !free.contains(row.get(i + 1).id());
        if (free.contains(row.get(i).id()) && leftTaken && rightTaken) {
          orphans++;
        }
      }
    }
    return orphans;
  }

  /** Rows of an odd seat count: each keeps one single seat when sold in pairs. */
  private static long unavoidableOrphans(ApplicationContext ctx) {
    LayoutFile demo = ctx.getBean(DemoPerformance.class).layout();
    return demo.zones().stream()
        .filter(z -> z.seatsPerRow() % 2 == 1)
        .mapToLong(LayoutFile.Zone::rows)
        .sum();
  }

  /** Calls and microseconds of EVAL and EVALSHA since the stats were reset. */
  static RedisTime scriptTime(String commandStats) {
    long calls = 0;
    long micros = 0;
    for (String line : commandStats.split("\\r?\\n")) {
      if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
          String[] kv = field.split("=");
          if (kv[0].equals("calls")) {
            calls += Long.parseLong(kv[1]);
          } else if (kv[0].equals("usec")) {
            micros += Long.parseLong(kv[1]);
          }
        }
      }
    }
    return new RedisTime(calls, micros);
  }

  private static double percentile(List<Long> sortedNanos, double p) {
    if (sortedNanos.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p * sortedNanos.size()) - 1;
    return sortedNanos.get(Math.max(0, i)) / 1e6;
  }
}
