package dev.ticketing.bench.reservation;

import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.BackstopViolations;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.settings.LockStrategy;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * System properties: bench.strategies (all, comma-separated), bench.seats (500), bench.buyers (64),
 * bench.rounds (10), bench.warmup (5 rounds, not measured: until the JIT has compiled the service's
 * hot paths, a round measures the compiler), bench.pool (the database pool of each function
 * context, 10 = DATABASE_POOL_SIZE's default).
 */
public final class LockStrategyBenchmark {
  private static final String CEILING = "raw JDBC ceiling";
  private static final String WITH_ROWS = "raw JDBC + reservation rows";

  private LockStrategyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seats = Integer.getInteger("bench.seats", 500);
    int buyers = Integer.getInteger("bench.buyers", 64);
    int rounds = Integer.getInteger("bench.rounds", 10);
    int warmup = Integer.getInteger("bench.warmup", 5);
    String pool = Integer.toString(Integer.getInteger("bench.pool", 10));
    int rows = 20;
    Workload workload = new Workload(buyers);

    Map<String, ApplicationContext> contexts = new LinkedHashMap<>();
    Map<String, Attempt> attempts = new LinkedHashMap<>();
    for (Map.Entry<String, RawJdbcCeiling.OnWin> raw :
        List.<Map.Entry<String, RawJdbcCeiling.OnWin>>of(
            Map.entry(CEILING, (c, performanceId, seatIds) -> {}),
            Map.entry(WITH_ROWS, new RawJdbcWithRows()))) {
      ApplicationContext ctx =
          TestStores.context(FunctionEnvironments.RESERVE_SEAT, Map.of("DATABASE_POOL_SIZE", pool));
      contexts.put(raw.getKey(), ctx);
      attempts.put(
          raw.getKey(),
          new RawJdbcCeiling(
              DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class)),
              raw.getValue()));
    }
    List<String> strategies =
        List.of(
            System.getProperty("bench.strategies", LockStrategy.allIds().replace(", ", ","))
                .split(","));
    for (String strategy : strategies) {
      ApplicationContext ctx =
          TestStores.context(
              FunctionEnvironments.RESERVE_SEAT,
              Map.of("LOCK_STRATEGY", strategy, "DATABASE_POOL_SIZE", pool));
      contexts.put(strategy, ctx);
      attempts.put(strategy, new StrategyAttempt(ctx.getBean(Reservations.class)));
    }

    System.out.printf(
        Locale.ROOT,
        "%d seats, %d buyers asking for 1-2 random free seats until sold out, %d rounds after"
            + " %d warm-up rounds, pool %s, %d cores, load average %s, %s%n",
        seats,
        buyers,
        rounds,
        warmup,
        pool,
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        Instant.now());
    CpuMeter cpu = new CpuMeter(TestStores.settings());
    Map<String, Measured> results = new LinkedHashMap<>();
    for (int round = 1 - warmup; round <= rounds; round++) {
      double ceilingThisRound = 0;
      for (Map.Entry<String, Attempt> e : attempts.entrySet()) {
        ApplicationContext ctx = contexts.get(e.getKey());
        Performance performance = TestPerformances.create(ctx, rows, seats / rows);
        List<Long> ids =
            ctx.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
                .map(SeatInfo::id)
                .toList();
        // The buyers choose from a seat map they have seen: it exists before the sale opens.
        ctx.getBean(LiveSeatMap.class).full(performance.id(), LiveSeatMap.NO_VERSION);
        long[] before = cpu.now();
        RunResult run = workload.run(e.getKey(), performance.id(), ids, e.getValue());
        long[] after = cpu.now();
        run = withDatabaseCheck(ctx, performance, run, e.getKey().equals(CEILING));
        ctx.getBean(MeasuredRows.class).deleteAll(performance.id());
        if (e.getKey().equals(CEILING)) {
          ceilingThisRound = run.reservationsPerSecond();
        }
        if (round > 0) {
          results
              .computeIfAbsent(e.getKey(), k -> new Measured())
              .add(run, run.reservationsPerSecond() / ceilingThisRound, before, after);
        }
        System.out.printf(
            Locale.ROOT,
            "%s %-27s %7.0f res/s  %3.0f %% of ceiling  p95 %6.1f ms  409 %4.1f%%  errors %d"
                + "  sold %d  CPU ms per reservation %.2f / %.2f / %.2f%n",
            round <= 0 ? "warm-up " + (round + warmup) : "round " + round,
            e.getKey(),
            run.reservationsPerSecond(),
            100 * run.reservationsPerSecond() / ceilingThisRound,
            run.percentileMillis(95),
            run.conflictRate() * 100,
            run.errors(),
            run.seatsSold(),
            (after[0] - before[0]) / 1e6 / run.reservations(),
            (after[1] - before[1]) / 1e6 / run.reservations(),
            (after[2] - before[2]) / 1e6 / run.reservations());
      }
    }
    print(results);
    long violations = 0;
    for (String strategy : strategies) {
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
    long inDatabase = audit.takenSeats(performance.id());
    long wrong = Math.abs(inDatabase - run.seatsSold());
    if (!ceiling) {
      wrong +=
          audit.seatsInSeveralReservations(performance.id())
              + audit.takenSeatsWithoutOneReservation(performance.id())
              + audit.reservationSeatsOutOfStep(performance.id());
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

  /**
   * As a Markdown table: the round with the median throughput of each; the median over rounds of
   * its throughput divided by the ceiling's in the same round (with the lowest and highest); CPU
   * per reservation over all rounds.
   */
  private static void print(Map<String, Measured> results) {
    double ceilingDatabase = results.get(CEILING).cpuMillisPerReservation(1);
    System.out.println();
    System.out.println(
        "| strategy | reservations/s | vs ceiling (median of rounds) | lowest–highest round"
            + " | p50 ms | p95 ms | p99 ms | 409 rate | double bookings"
            + " | CPU ms per reservation: service / MariaDB / Redis | MariaDB CPU vs ceiling |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<String, Measured> e : results.entrySet()) {
      Measured m = e.getValue();
      RunResult r = m.medianRun();
      List<Double> ratios = m.sortedRatios();
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f %% | %.0f–%.0f %% | %.1f | %.1f | %.1f | %.1f %% | %d"
              + " | %.2f / %.2f / %.2f | %.0f %% |%n",
          e.getKey(),
          r.reservationsPerSecond(),
          100 * ratios.get(ratios.size() / 2),
          100 * ratios.get(0),
          100 * ratios.get(ratios.size() - 1),
          r.percentileMillis(50),
          r.percentileMillis(95),
          r.percentileMillis(99),
          r.conflictRate() * 100,
          m.runs.stream().mapToLong(RunResult::doubleBookings).sum(),
          m.cpuMillisPerReservation(0),
          m.cpuMillisPerReservation(1),
          m.cpuMillisPerReservation(2),
          100 * ceilingDatabase / m.cpuMillisPerReservation(1));
    }
  }

  /** The rounds of one strategy (or the ceiling). */
  private static final class Measured {
    private final List<RunResult> runs = new ArrayList<>();
    private final List<Double> ratios = new ArrayList<>();
    private final long[] cpuNanos = new long[3];
    private long reservations;

    void add(RunResult run, double ratio, long[] cpuBefore, long[] cpuAfter) {
      runs.add(run);
      ratios.add(ratio);
      for (int i = 0; i < cpuNanos.length; i++) {
        cpuNanos[i] += cpuAfter[i] - cpuBefore[i];
      }
      reservations += run.reservations();
    }

    RunResult medianRun() {
      List<RunResult> sorted = new ArrayList<>(runs);
      sorted.sort(Comparator.comparingDouble(RunResult::reservationsPerSecond));
      return sorted.get(sorted.size() / 2);
    }

    List<Double> sortedRatios() {
      List<Double> sorted = new ArrayList<>(ratios);
      Collections.sort(sorted);
      return sorted;
    }

    double cpuMillisPerReservation(int process) {
      return cpuNanos[process] / 1e6 / reservations;
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
}
