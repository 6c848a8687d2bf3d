package dev.ticketing.bench;

import dev.ticketing.catalog.Performance;
import dev.ticketing.config.Settings;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.BackstopViolations;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Runs every lock strategy on the same contended workload against real MariaDB and Redis (those of
 * DATABASE_URL / REDIS_URL, else embedded ones) and prints a table with the raw JDBC ceiling
 * measured in the same run. Not a test: run it with
 *
 * <pre>
 * ./mvnw -q -B -o install -DskipTests -pl functions/core
 * ./mvnw -q -B -o -pl functions/reserve-seat test-compile exec:java
 * </pre>
 *
 * System properties: bench.seats (500), bench.buyers (64), bench.rounds (5), bench.pool (the
 * database pool of each function context, 10 = DATABASE_POOL_SIZE's default).
 */
public final class LockStrategyBenchmark {
  private static final String CEILING = "raw JDBC ceiling";

  private LockStrategyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seats = Integer.getInteger("bench.seats", 500);
    int buyers = Integer.getInteger("bench.buyers", 64);
    int rounds = Integer.getInteger("bench.rounds", 5);
    String pool = Integer.toString(Integer.getInteger("bench.pool", 10));
    int rows = 20;
    Workload workload = new Workload(buyers);

    Map<String, ApplicationContext> contexts = new LinkedHashMap<>();
    Map<String, Attempt> attempts = new LinkedHashMap<>();
    ApplicationContext ceilingContext =
        TestStores.context(FunctionEnvironments.RESERVE_SEAT, Map.of("DATABASE_POOL_SIZE", pool));
    contexts.put(CEILING, ceilingContext);
    attempts.put(
        CEILING,
        new RawJdbcCeiling(
            DelegatingDataSource.unwrapDataSource(ceilingContext.getBean(DataSource.class))));
    for (String strategy : Settings.LOCK_STRATEGIES) {
      ApplicationContext ctx =
          TestStores.context(
              FunctionEnvironments.RESERVE_SEAT,
              Map.of("LOCK_STRATEGY", strategy, "DATABASE_POOL_SIZE", pool));
      contexts.put(strategy, ctx);
      attempts.put(strategy, new StrategyAttempt(ctx.getBean(Reservations.class)));
    }

    System.out.printf(
        Locale.ROOT,
        "%d seats, %d buyers asking for 1-2 random free seats until sold out, %d rounds,"
            + " pool %s, %d cores, load average %s, %s%n",
        seats,
        buyers,
        rounds,
        pool,
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        Instant.now());
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) {
      for (Map.Entry<String, Attempt> e : attempts.entrySet()) {
        ApplicationContext ctx = contexts.get(e.getKey());
        Performance performance = TestPerformances.create(ctx, rows, seats / rows);
        List<Long> ids =
            ctx.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
                .map(SeatInfo::id)
                .toList();
        RunResult run = workload.run(e.getKey(), performance.id(), ids, e.getValue());
        run = withDatabaseCheck(ctx, performance, run, e.getKey().equals(CEILING));
        if (round > 0) {
          results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(run);
        }
        System.out.printf(
            Locale.ROOT,
            "%s %-18s %7.0f res/s  p95 %6.1f ms  409 %4.1f%%  errors %d  sold %d%n",
            round == 0 ? "warm-up" : "round " + round,
            e.getKey(),
            run.reservationsPerSecond(),
            run.percentileMillis(95),
            run.conflictRate() * 100,
            run.errors(),
            run.seatsSold());
      }
    }
    print(results);
    long violations = 0;
    for (String strategy : Settings.LOCK_STRATEGIES) {
      violations += contexts.get(strategy).getBean(BackstopViolations.class).count();
    }
    System.out.println("backstop violations (all strategies, all rounds): " + violations);
    System.out.println("load average at the end: " + loadAverage());
    contexts.values().forEach(ApplicationContext::close);
    System.exit(0);
  }

  /** Adds what MySQL says to the double bookings: seats not in exactly one reservation. */
  private static RunResult withDatabaseCheck(
      ApplicationContext ctx, Performance performance, RunResult run, boolean ceiling) {
    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    long inDatabase = audit.reservedSeats(performance.id());
    long wrong = Math.abs(inDatabase - run.seatsSold());
    if (!ceiling) {
      wrong +=
          audit.seatsInSeveralReservations(performance.id())
              + audit.reservedSeatsWithoutOneReservation(performance.id())
              + audit.reservationSeatsNotReserved(performance.id());
    }
    return new RunResult(
        run.name(),
        run.reservations(),
        run.conflicts(),
        run.errors(),
        run.seatsSold(),
        run.doubleBookings() + wrong,
        run.seconds(),
        run.latenciesNanos());
  }

  /** The round with the median throughput of each, as a Markdown table. */
  private static void print(Map<String, List<RunResult>> results) {
    double ceiling = median(results.get(CEILING)).reservationsPerSecond();
    System.out.println();
    System.out.println(
        "| strategy | reservations/s | vs ceiling | p50 ms | p95 ms | p99 ms | 409 rate"
            + " | double bookings | requests | seats sold |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<String, List<RunResult>> e : results.entrySet()) {
      RunResult r = median(e.getValue());
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f %% | %.1f | %.1f | %.1f | %.1f %% | %d | %d | %d |%n",
          e.getKey(),
          r.reservationsPerSecond(),
          100 * r.reservationsPerSecond() / ceiling,
          r.percentileMillis(50),
          r.percentileMillis(95),
          r.percentileMillis(99),
          r.conflictRate() * 100,
          e.getValue().stream().mapToLong(RunResult::doubleBookings).sum(),
          r.reservations() + r.conflicts() + r.errors(),
          r.seatsSold());
    }
  }

  /** The 1-minute load average (Linux), to show what else the machine was doing. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static RunResult median(List<RunResult> runs) {
    List<RunResult> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(RunResult::reservationsPerSecond));
    return sorted.get(sorted.size() / 2);
  }
}
