package dev.ticketing.bench.firstrequest;

import dev.ticketing.bench.BenchPerformances;
import dev.ticketing.db.Migrations;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.local.LocalStores;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Goal 5 of issue 19, cold and first requests: for each function, a fresh JVM of its handler
 * against local stores (embedded MariaDB and Redis unless DATABASE_URL / REDIS_URL name servers),
 * in three modes ({@link FirstRequestProbe}): JVM start → first answer without a snapshot; the
 * first request after the snapshot hooks ran as around a SnapStart checkpoint and restore, with and
 * without priming; and a warm request (median after the warm-up) with its CPU.
 *
 * <pre>
 *   java -cp functions/benchmarks/target/benchmarks-all.jar \
 *       dev.ticketing.bench.firstrequest.FirstRequests [--runs 3] [--warmup 200] [--measured 100]
 * </pre>
 */
public final class FirstRequests {
  static final List<String> FUNCTIONS =
      List.of("issue-ticket", "poll-position", "list-seats", "reserve-seat", "advance-queue");
  static final List<String> MODES = List.of("cold", "restore-unprimed", "restore-primed");
  private static final Pattern RESULT = Pattern.compile("RESULT (\\S+) (\\S+) (.*)");
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

  private FirstRequests() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(arg(args, "--runs", "3"));
    int warmup = Integer.parseInt(arg(args, "--warmup", "200"));
    int measured = Integer.parseInt(arg(args, "--measured", "100"));
    int perChild = 1 + warmup + measured;
    Map<String, String> env = new HashMap<>(System.getenv());
    List<Map<String, String>> results = new ArrayList<>();
    try (LocalStores stores = LocalStores.start(env)) {
      env.putAll(stores.environment());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      env.putIfAbsent("TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(key));
      // A loaded machine must not fail a probe's first connection (250 ms by default).
      env.putIfAbsent("REDIS_CONNECT_TIMEOUT_MS", "2000");
      env.putIfAbsent("REDIS_COMMAND_TIMEOUT_MS", "2000");
      env.putIfAbsent("POLL_AFTER_MIN_SECONDS", "1");
      env.putIfAbsent("POLL_AFTER_MAX_SECONDS", "1");
      env.putIfAbsent("JOIN_LIMIT_PER_ADDRESS", "0");
      env.putIfAbsent("QUEUE_POLL_BUDGET_PER_SECOND", "1000000");
      env.putIfAbsent("QUEUE_CAPACITY", Integer.toString(4 * perChild));
      env.putIfAbsent("SESSION_TTL_SECONDS", "3600");
      env.putIfAbsent("MAX_CONNECTIONS_PER_CLIENT", "100000");
      Settings settings = Settings.from(env);
      try (ApplicationContext admin =
          FunctionContexts.start(FunctionEnvironments.ADMIN, settings)) {
        Migrations.apply(admin.getBean(DataSource.class));
      }
      System.out.printf(
          Locale.ROOT,
          "machine: %d cores, %s %s, load average %s; %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"),
          loadAverage(),
          Instant.now());
      Path dir = Files.createTempDirectory("first-requests");
      try (Buyers buyers = new Buyers(settings)) {
        for (int run = 1; run <= runs; run++) {
          for (String function : FUNCTIONS) {
            for (String mode : MODES) {
              List<ProbeRequest> requests = requests(settings, buyers, function, perChild);
              Path file = dir.resolve(function + "-" + mode + "-" + run + ".tsv");
              Files.write(file, requests.stream().map(ProbeRequest::line).toList());
              Map<String, String> r = probe(env, function, mode, file, warmup);
              r.put("run", Integer.toString(run));
              results.add(r);
              System.out.printf(Locale.ROOT, "run %d %-14s %-17s %s%n", run, function, mode, r);
            }
          }
          System.out.println("load average after run " + run + ": " + loadAverage());
        }
      }
    }
    table(results);
    System.exit(0);
  }

  /** The requests of one probe: the function's hot route, each on its own ticket or seat. */
  private static List<ProbeRequest> requests(
      Settings settings, Buyers buyers, String function, int count) throws Exception {
    List<ProbeRequest> requests = new ArrayList<>();
    switch (function) {
      case "issue-ticket" -> {
        long id = BenchPerformances.create(settings, "First requests", 2, 10);
        for (int i = 0; i < count; i++) {
          requests.add(ProbeRequest.of("POST", Buyers.queue(id), null, null));
        }
      }
      case "poll-position" -> {
        long id = BenchPerformances.create(settings, "First requests", 2, 10);
        for (String ticket : buyers.tickets(id, count)) {
          requests.add(ProbeRequest.of("GET", Buyers.queue(id), ticket, null));
        }
      }
      case "list-seats" -> {
        long id = BenchPerformances.create(settings, "First requests", 20, 25);
        String session = buyers.sessions(id, 1).get(0);
        for (int i = 0; i < count; i++) {
          requests.add(ProbeRequest.of("GET", Buyers.seats(id), session, null));
        }
      }
      case "reserve-seat" -> {
        long id = BenchPerformances.create(settings, "First requests", (count + 24) / 25, 25);
        List<String> sessions = buyers.sessions(id, count);
        List<Long> seats = buyers.freeSeats(id, sessions.get(0));
        for (int i = 0; i < count; i++) {
          requests.add(
              ProbeRequest.of(
                  "POST",
                  Buyers.seats(id).replace("/seats", "/reservations"),
                  sessions.get(i),
                  "{\"seatIds\":[" + seats.get(i) + "]}"));
        }
      }
      case "advance-queue" -> {
        for (int i = 0; i < count; i++) {
          requests.add(ProbeRequest.of("TICK", "-", null, null));
        }
      }
      default -> throw new IllegalArgumentException(function);
    }
    // The tickets' first poll is due a second after their issue (POLL_AFTER_MIN_SECONDS).
    Thread.sleep(1_100);
    return requests;
  }

  private static Map<String, String> probe(
      Map<String, String> env, String function, String mode, Path requests, int warmup)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dlogback.configurationFile=" + quietLogback());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FirstRequestProbe.class.getName());
    command.add(function);
    command.add(mode);
    command.add(requests.toString());
    command.add(Integer.toString(warmup));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    long launched = System.nanoTime();
    Process process = builder.start();
    Map<String, String> result = new LinkedHashMap<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher m = RESULT.matcher(line);
        if (m.find()) {
          Matcher f = FIELD.matcher(m.group(3));
          while (f.find()) {
            result.put(f.group(1), f.group(2));
          }
        } else if (line.contains("ERROR") || line.contains("Exception")) {
          System.out.println("  " + function + " " + mode + ": " + line);
        }
      }
    }
    int exit = process.waitFor();
    result.put("function", function);
    result.put("mode", mode);
    result.put("processMs", Long.toString((System.nanoTime() - launched) / 1_000_000));
    if (exit != 0 || !result.containsKey("firstMs")) {
      throw new IllegalStateException(function + " " + mode + " probe exited with " + exit);
    }
    return result;
  }

  private static Path quietLogback;

  private static synchronized Path quietLogback() throws Exception {
    if (quietLogback == null) {
      quietLogback = Files.createTempFile("first-requests-logback", ".xml");
      Files.writeString(
          quietLogback,
          "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">"
              + "<encoder><pattern>%-5level %logger{20} - %msg%n</pattern></encoder></appender>"
              + "<root level=\"WARN\"><appender-ref ref=\"OUT\"/></root></configuration>");
    }
    return quietLogback;
  }

  /** Per function: the ranges over the runs of each figure. */
  private static void table(List<Map<String, String>> results) {
    System.out.println();
    System.out.println(
        "| function | JVM start → first answer (cold) | first request after restore, unprimed |"
            + " after restore, primed | warm request (p50) | primed first ÷ warm | CPU per warm"
            + " request |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (String function : FUNCTIONS) {
      List<Map<String, String>> cold = of(results, function, "cold");
      List<Map<String, String>> unprimed = of(results, function, "restore-unprimed");
      List<Map<String, String>> primed = of(results, function, "restore-primed");
      List<Double> ratios = new ArrayList<>();
      for (Map<String, String> p : primed) {
        ratios.add(d(p, "firstMs") / d(p, "warmP50Ms"));
      }
      List<Map<String, String>> all = new ArrayList<>(cold);
      all.addAll(unprimed);
      all.addAll(primed);
      System.out.printf(
          Locale.ROOT,
          "| %s | %s ms | %s ms | %s ms | %s ms | %s | %s µs |%n",
          function,
          range(cold, "jvmToFirstMs", "%.0f"),
          range(unprimed, "firstMs", "%.1f"),
          range(primed, "firstMs", "%.1f"),
          range(all, "warmP50Ms", "%.2f"),
          range(ratios, "%.1f×"),
          range(all, "cpuPerWarmUs", "%.0f"));
    }
  }

  private static List<Map<String, String>> of(
      List<Map<String, String>> results, String function, String mode) {
    return results.stream()
        .filter(r -> r.get("function").equals(function) && r.get("mode").equals(mode))
        .toList();
  }

  private static double d(Map<String, String> r, String field) {
    return Double.parseDouble(r.get(field));
  }

  private static String range(List<Map<String, String>> rows, String field, String format) {
    return range(rows.stream().map(r -> d(r, field)).toList(), format);
  }

  private static String range(List<Double> values, String format) {
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    String low = String.format(Locale.ROOT, format, min);
    String high = String.format(Locale.ROOT, format, max);
    return low.equals(high) ? low : low + "-" + high;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
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
