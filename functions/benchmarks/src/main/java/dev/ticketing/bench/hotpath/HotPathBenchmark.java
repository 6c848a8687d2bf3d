package dev.ticketing.bench.hotpath;

import dev.ticketing.bench.BenchPerformances;
import dev.ticketing.local.LocalStores;
import dev.ticketing.settings.Settings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU per request of the hot routes, polls per second, and the sell-out stampede, driven from this
 * JVM against the local gateway in a JVM of its own (its CPU read from /proc); MariaDB and Redis
 * are embedded processes of their own unless DATABASE_URL / REDIS_URL name servers.
 *
 * <pre>
 *   java -cp functions/benchmarks/target/benchmarks-all.jar dev.ticketing.bench.hotpath.HotPathBenchmark \
 *       --scenario poll|seats|stampede|reserve [--holders 8000] [--buyers 2500] [--seats 500]
 *       [--strategy atomic] [--in-flight 32 (poll; a comma-separated list measures each in turn)]
 *       [--seconds 15] [--warmup 10] [--jfr gateway.jfr] [--gateway-jvm "-Xmx1g"]
 * </pre>
 *
 * <p>{@code stampede} is {@code seats} without the measured map reads: the warm-up, then the
 * sell-out.
 */
public final class HotPathBenchmark {
  /** A seat sold or held: since holds, a won reservation leaves its seats HELD until confirmed. */
  private static final Pattern TAKEN =
      Pattern.compile("\"id\":(\\d+)[^}]*\"status\":\"(?:HELD|RESERVED)\"");

  private HotPathBenchmark() {}

  public static void main(String[] args) throws Exception {
    String scenario = arg(args, "--scenario", "seats");
    int seconds = Integer.parseInt(arg(args, "--seconds", "15"));
    int warmup = Integer.parseInt(arg(args, "--warmup", "10"));
    String jfr = arg(args, "--jfr", null);
    List<String> jvm =
        Arrays.stream(arg(args, "--gateway-jvm", "").split(" ")).filter(s -> !s.isBlank()).toList();
    int buyers = Integer.parseInt(arg(args, "--buyers", "2500"));

    Map<String, String> env = new HashMap<>(System.getenv());
    try (LocalStores stores = LocalStores.start(env)) {
      env.putAll(stores.environment());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      env.putIfAbsent("TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(key));
      env.putIfAbsent("REDIS_CONNECT_TIMEOUT_MS", "2000");
      env.putIfAbsent("REDIS_COMMAND_TIMEOUT_MS", "2000");
      env.putIfAbsent("MAX_CONNECTIONS_PER_CLIENT", "100000");
      env.putIfAbsent("POLL_AFTER_MIN_SECONDS", "1");
      env.putIfAbsent("POLL_AFTER_MAX_SECONDS", "1");
      env.putIfAbsent("JOIN_LIMIT_PER_ADDRESS", "0");
      // The cadence stretches with the crowd to keep the polls within a budget (2,000/s by
      // default): this benchmark measures the route, so every waiting holder may poll each second.
      env.putIfAbsent("QUEUE_POLL_BUDGET_PER_SECOND", "1000000");
      env.putIfAbsent("ADVANCE_INTERVAL_SECONDS", "1");
      env.putIfAbsent("SESSION_TTL_SECONDS", "3600");
      env.put(
          "LOCK_STRATEGY", arg(args, "--strategy", env.getOrDefault("LOCK_STRATEGY", "atomic")));
      if (!scenario.equals("poll")) {
        env.putIfAbsent("QUEUE_CAPACITY", Integer.toString(buyers + 1));
        // Admission is sized by the seats left (QUEUE_SESSIONS_PER_SEAT × seats): room for every
        // buyer of the stampede at once.
        int seatCount = Integer.parseInt(arg(args, "--seats", "500"));
        env.putIfAbsent(
            "QUEUE_SESSIONS_PER_SEAT", Integer.toString((buyers + 1 + seatCount - 1) / seatCount));
      }
      Settings settings = Settings.from(env);
      System.out.printf(
          Locale.ROOT,
          "machine: %d cores, %s %s, load average %s; %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"),
          loadAverage(),
          Instant.now());
      try (GatewayProcess gateway =
          GatewayProcess.start(env, jvm, jfr == null ? null : Path.of(jfr))) {
        Driver driver = new Driver(gateway.port(), scenario.equals("poll") ? 256 : buyers + 2);
        Load load = new Load(driver, gateway);
        Buyers crowd = new Buyers(driver);
        if (scenario.equals("poll")) {
          poll(
              settings,
              load,
              crowd,
              Integer.parseInt(arg(args, "--holders", "8000")),
              seconds,
              warmup,
              Arrays.stream(arg(args, "--in-flight", "32").split(","))
                  .mapToInt(Integer::parseInt)
                  .toArray());
        } else if (scenario.equals("reserve")) {
          reserve(settings, driver, crowd, gateway, buyers, warmup);
        } else {
          seats(
              settings,
              driver,
              load,
              crowd,
              buyers,
              Integer.parseInt(arg(args, "--seats", "500")),
              seconds,
              warmup,
              gateway,
              scenario.equals("stampede"));
        }
        System.out.println("load average at the end: " + loadAverage());
      }
    }
    System.exit(0);
  }

  private static void poll(
      Settings settings,
      Load load,
      Buyers crowd,
      int holders,
      int seconds,
      int warmup,
      int[] inFlight)
      throws Exception {
    long id = BenchPerformances.create(settings, "Hot path benchmark", 10, 10);
    crowd.tickets(id, holders / 2);
    Load.Result issue =
        load.closed(
            "issue-ticket (POST /queue)",
            32,
            seconds / 2.0,
            i -> load.driverRequest(Buyers.queue(id)).post(""));
    List<String> tickets = crowd.tickets(id, holders);
    System.out.println(issue);
    // Closed loop over the holders in turn: each is polled every holders/throughput seconds,
    // over the 1 s the answers ask for, so every poll is a 200 (a 429 would cost less).
    load.closed("warm-up", 32, warmup, i -> pollRequest(load, id, tickets.get(i % holders)));
    // One window per concurrency: the rate the gateway sustains within a latency bound is that
    // of the largest number in flight whose p95 stays under it.
    for (int n : inFlight) {
      System.out.println(
          load.closed(
              "poll-position (" + n + " in flight)",
              n,
              seconds,
              i -> pollRequest(load, id, tickets.get(i % holders))));
    }
  }

  /**
   * {@code buyers} admitted sessions on a hall with a seat for each; {@code warmup} of them reserve
   * first (not measured), then the others, each its own seat, 32 in flight.
   */
  private static void reserve(
      Settings settings,
      Driver driver,
      Buyers crowd,
      GatewayProcess gateway,
      int buyers,
      int warmup)
      throws Exception {
    int rows = Math.max(1, (buyers + 1 + 24) / 25);
    long id = BenchPerformances.create(settings, "Hot path benchmark", rows, 25);
    List<String> sessions = crowd.admit(id, crowd.tickets(id, buyers + 1));
    List<Long> free =
        Reserving.freeSeats(driver, "/api/performances/" + id + "/seats", sessions.get(buyers));
    int warm = Math.min(warmup * 20, buyers / 4);
    Reserving.run(
        "warm-up", driver, gateway, id, sessions.subList(0, warm), free.subList(0, warm), 32);
    System.out.println(
        Reserving.run(
            "reserve-seat (POST, 32 in flight)",
            driver,
            gateway,
            id,
            sessions.subList(warm, buyers),
            free.subList(warm, buyers),
            32));
  }

  private static Call pollRequest(Load load, long id, String ticket) {
    return load.driverRequest(Buyers.queue(id)).header("Authorization", "Bearer " + ticket);
  }

  private static void seats(
      Settings settings,
      Driver driver,
      Load load,
      Buyers crowd,
      int buyers,
      int seatCount,
      int seconds,
      int warmup,
      GatewayProcess gateway,
      boolean stampedeOnly)
      throws Exception {
    int rows = Math.max(1, seatCount / 25);
    long id = BenchPerformances.create(settings, "Hot path benchmark", rows, seatCount / rows);
    long admitStart = System.nanoTime();
    List<String> sessions = crowd.admit(id, crowd.tickets(id, buyers + 1));
    System.out.printf(
        Locale.ROOT,
        "%d buyers admitted in %.1f s%n",
        sessions.size(),
        (System.nanoTime() - admitStart) / 1e9);
    String spare = sessions.get(buyers);
    String seatsPath = "/api/performances/" + id + "/seats";
    Driver.Answer first =
        driver.send(driver.request(seatsPath).header("Authorization", "Bearer " + spare)).join();
    String etag = first.etag();
    String version = etag.replaceAll("[^0-9]", "");
    java.util.function.IntFunction<Call> full =
        i ->
            driver.request(seatsPath).header("Authorization", "Bearer " + sessions.get(i % buyers));
    java.util.function.IntFunction<Call> notModified =
        i ->
            driver
                .request(seatsPath)
                .header("Authorization", "Bearer " + sessions.get(i % buyers))
                .header("If-None-Match", etag);
    java.util.function.IntFunction<Call> since =
        i ->
            driver
                .request(seatsPath + "?since=" + version)
                .header("Authorization", "Bearer " + sessions.get(i % buyers));
    load.closed("warm-up", 32, warmup, full);
    load.closed("warm-up", 32, warmup / 2.0, notModified);
    if (!stampedeOnly) {
      System.out.println(load.closed("seat map, full (unchanged)", 32, seconds, full));
      System.out.println(load.closed("seat map, 304 (If-None-Match)", 32, seconds, notModified));
      System.out.println(load.closed("seat map, ?since=current", 32, seconds, since));
    }

    Stampede stampede = new Stampede(driver, id);
    long cpu = gateway.cpuNanos();
    stampede.run(sessions.subList(0, buyers));
    long stampedeCpu = gateway.cpuNanos() - cpu;
    System.out.printf(
        Locale.ROOT,
        "stampede: %d seats x %d buyers, %s%n%s%n  gateway CPU %.1f s over %.2f s: %.0f µs per request (map reads and reservations)%n",
        seatCount,
        buyers,
        settings.seats().lockStrategy().id(),
        stampede.summary(),
        stampedeCpu / 1e9,
        stampede.seconds,
        stampedeCpu / 1e3 / (stampede.mapReads.count() + stampede.reservations.count()));

    Driver.Answer last =
        driver.send(driver.request(seatsPath).header("Authorization", "Bearer " + spare)).join();
    Set<Long> onMap = new HashSet<>();
    Matcher m = TAKEN.matcher(last.body());
    while (m.find()) {
      onMap.add(Long.parseLong(m.group(1)));
    }
    Set<Long> inMySql = takenInMySql(settings, id);
    Set<Long> booked = bookedInMySql(settings, id);
    System.out.printf(
        Locale.ROOT,
        "check: MySQL HELD or RESERVED %d, reservation_seats %d, won by buyers %d, on the final map %d;"
            + " final map = MySQL: %s; won = MySQL: %s%n",
        inMySql.size(),
        booked.size(),
        stampede.wonSeats().size(),
        onMap.size(),
        onMap.equals(inMySql) && inMySql.equals(booked),
        stampede.wonSeats().equals(inMySql));
  }

  private static Set<Long> takenInMySql(Settings settings, long id) throws SQLException {
    return ids(
        settings,
        "SELECT id FROM seats WHERE status IN ('HELD', 'RESERVED') AND performance_id = " + id);
  }

  private static Set<Long> bookedInMySql(Settings settings, long id) throws SQLException {
    return ids(
        settings,
        "SELECT rs.seat_id FROM reservation_seats rs JOIN reservations r ON r.id = rs.reservation_id"
            + " WHERE r.performance_id = "
            + id);
  }

  private static Set<Long> ids(Settings settings, String sql) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection c =
            DriverManager.getConnection(
                settings.stores().databaseUrl().orElseThrow(),
                settings.stores().databaseUser(),
                settings.stores().databasePassword());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
