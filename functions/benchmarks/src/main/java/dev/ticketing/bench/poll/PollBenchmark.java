package dev.ticketing.bench.poll;

import ch.qos.logback.classic.Level;
import dev.ticketing.auth.InvalidTokenException;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.bench.BenchPerformances;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.gateway.LocalGateway;
import dev.ticketing.queue.QueueClaims;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.TicketRef;
import dev.ticketing.queue.TicketWindow;
import dev.ticketing.settings.Settings;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Benchmark of poll-position through the local gateway: {@code --holders} simulated holders (2,500)
 * each poll their place once a second, on a fixed schedule (open loop: a slow answer does not delay
 * the next poll), for {@code --seconds} (30) after a warm-up; it prints p50/p95/p99 latency and the
 * throughput, together with the raw Redis round-trip ceiling measured in the same run.
 *
 * <pre>
 *   ./mvnw -q -B -pl functions/benchmarks -am package -DskipTests
 *   java -cp functions/benchmarks/target/benchmarks-all.jar \
 *       dev.ticketing.bench.poll.PollBenchmark [--holders 2500] [--seconds 30] [--warmup 10]
 * </pre>
 *
 * The gateway runs in this process with embedded MariaDB and Redis unless DATABASE_URL / REDIS_URL
 * name servers; its per-request log line is off (on AWS that is API Gateway's access log), and the
 * Redis timeouts are 2 s unless set.
 */
public final class PollBenchmark {
  private static final Pattern QUEUE_TOKEN = Pattern.compile("\"queueToken\":\"([^\"]+)\"");
  private static final int CLIENT_THREADS = 128;

  private PollBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("http.maxConnections", Integer.toString(CLIENT_THREADS));
    int holders = intArg(args, "--holders", 2_500);
    int seconds = intArg(args, "--seconds", 30);
    int warmup = intArg(args, "--warmup", 10);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("gateway")).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("advance-queue")).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.ticketing")).setLevel(Level.WARN);

    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PORT", "0");
    // Lettuce's connection handshake runs under the command timeout: on a busy machine the
    // deployed 250 ms is too short to start. A slow poll then shows in p99 instead of as an error.
    env.putIfAbsent("REDIS_CONNECT_TIMEOUT_MS", "2000");
    env.putIfAbsent("REDIS_COMMAND_TIMEOUT_MS", "2000");
    // The holders poll once a second, as before the cadence: every answer says 1 s (so no poll is
    // early). They all come from this one address: no cap on its connections, no join limit.
    env.putIfAbsent("MAX_CONNECTIONS_PER_CLIENT", "100000");
    env.putIfAbsent("POLL_AFTER_MIN_SECONDS", "1");
    env.putIfAbsent("POLL_AFTER_MAX_SECONDS", "1");
    env.putIfAbsent("JOIN_LIMIT_PER_ADDRESS", "0");
    try (LocalGateway gateway = LocalGateway.start(env)) {
      Settings settings = gateway.settings();
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String base = "http://127.0.0.1:" + gateway.port() + "/api/performances/";
      long performanceId = BenchPerformances.create(settings, "Poll benchmark", 10, 10);
      String queue = base + performanceId + "/queue";

      long issueStart = System.nanoTime();
      List<String> tokens = issueTickets(http, queue, holders);
      double issueSeconds = (System.nanoTime() - issueStart) / 1e9;

      List<RedisCeiling.Result> ceilings = redisCeilings(settings, tokens);

      Run warm = pollAtOneHertz(queue, tokens, warmup);
      Run run = pollAtOneHertz(queue, tokens, seconds);

      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "machine: %d cores, %s %s; Redis %s; %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"),
          redisVersion(settings),
          Instant.now());
      System.out.printf(
          Locale.ROOT,
          "issue-ticket: %d tickets in %.1f s (%.0f/s, 64 concurrent)%n",
          holders,
          issueSeconds,
          holders / issueSeconds);
      System.out.printf(
          Locale.ROOT,
          "poll-position via the local gateway: %d holders x 1 poll/s, %d s (after %d s warm-up"
              + " with %d errors)%n",
          holders,
          seconds,
          warmup,
          warm.errors.get());
      System.out.printf(
          Locale.ROOT,
          "  %d polls, %.0f/s, %d errors, %d skipped (client behind)%n  %s%n",
          run.latencies.count(),
          run.latencies.count() / run.seconds,
          run.errors.get(),
          run.skipped.get(),
          run.latencies.summary());
      System.out.println("Redis round-trip ceiling, same run (8 threads, one shared connection):");
      for (RedisCeiling.Result c : ceilings) {
        System.out.println("  " + c);
      }
      double p95 = run.latencies.percentileMillis(0.95);
      System.out.printf(
          Locale.ROOT, "target p95 <= 20 ms: %s (%.2f ms)%n", p95 <= 20 ? "met" : "MISSED", p95);
    }
    System.exit(0);
  }

  private static final class Run {
    final Latencies latencies;
    final AtomicLong errors = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    double seconds;

    Run(int capacity) {
      latencies = new Latencies(capacity);
    }
  }

  /**
   * Holder {@code i} polls at {@code start + i/holders s + k s}. A poll is skipped (and counted)
   * when the same holder's previous one has not answered yet, as a browser polling on a timer would
   * do. Polls run on a pool of blocking keep-alive connections (lighter than an async client, so
   * the client leaves the CPU to the gateway).
   */
  private static Run pollAtOneHertz(String queue, List<String> tokens, int seconds)
      throws InterruptedException {
    int holders = tokens.size();
    Run run = new Run(holders * seconds + holders);
    boolean[] busy = new boolean[holders];
    URL url = toUrl(queue);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
    long periodNanos = 1_000_000_000L;
    long start = System.nanoTime();
    long end = start + seconds * periodNanos;
    long sent = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      long due = (now - start) * holders / periodNanos;
      for (; sent <= due; sent++) {
        int holder = (int) (sent % holders);
        synchronized (busy) {
          if (busy[holder]) {
            run.skipped.incrementAndGet();
            continue;
          }
          busy[holder] = true;
        }
        String authorization = "Bearer " + tokens.get(holder);
        pool.execute(
            () -> {
              long sentAt = System.nanoTime();
              int status = get(url, authorization);
              long took = System.nanoTime() - sentAt;
              synchronized (busy) {
                busy[holder] = false;
              }
              if (status == 200) {
                run.latencies.record(took);
              } else {
                run.errors.incrementAndGet();
              }
            });
      }
      Thread.sleep(1);
    }
    run.seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    return run;
  }

  /** One GET on a pooled keep-alive connection; the status, or -1 on an I/O error. */
  private static int get(URL url, String authorization) {
    try {
      HttpURLConnection c = (HttpURLConnection) url.openConnection();
      c.setRequestProperty("Authorization", authorization);
      c.setConnectTimeout(5_000);
      c.setReadTimeout(10_000);
      int status = c.getResponseCode();
      try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        if (body != null) {
          body.readAllBytes();
        }
      }
      return status;
    } catch (IOException e) {
      return -1;
    }
  }

  private static URL toUrl(String url) {
    try {
      return URI.create(url).toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(url, e);
    }
  }

  private static List<String> issueTickets(HttpClient http, String queue, int holders)
      throws Exception {
    Semaphore inFlight = new Semaphore(64);
    List<CompletableFuture<String>> tickets = new ArrayList<>();
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(queue))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    for (int i = 0; i < holders; i++) {
      inFlight.acquire();
      tickets.add(
          http.sendAsync(post, HttpResponse.BodyHandlers.ofString())
              .whenComplete((r, e) -> inFlight.release())
              .thenApply(
                  r -> {
                    Matcher m = QUEUE_TOKEN.matcher(r.body());
                    if (r.statusCode() != 201 || !m.find()) {
                      throw new IllegalStateException("issue-ticket answered " + r.statusCode());
                    }
                    return m.group(1);
                  }));
    }
    List<String> tokens = new ArrayList<>();
    for (CompletableFuture<String> t : tickets) {
      tokens.add(t.get());
    }
    return tokens;
  }

  private static List<RedisCeiling.Result> redisCeilings(Settings settings, List<String> tokens)
      throws InterruptedException, InvalidTokenException {
    try (ApplicationContext ctx =
        FunctionContexts.start(FunctionEnvironments.POLL_POSITION, settings)) {
      StatefulRedisConnection<String, String> redis = primary(ctx);
      TicketWindow window = ctx.getBean(TicketWindow.class);
      TokenCodec codec = ctx.getBean(TokenCodec.class);
      List<TicketRef> tickets = new ArrayList<>();
      for (String token : tokens) {
        tickets.add(codec.verify(token, QueueClaims.class, Instant.now()).ticket());
      }
      Instant expireAt =
          ctx.getBean(QueueRules.class)
              .keysExpireAt(
                  ctx.getBean(SaleWindows.class)
                      .require(tickets.get(0).performanceId(), Instant.now()));
      AtomicLong next = new AtomicLong();
      List<RedisCeiling.Result> results = new ArrayList<>();
      results.add(RedisCeiling.measure("PING", 8, 5, () -> redis.sync().ping()));
      results.add(
          RedisCeiling.measure(
              "poll.lua (a poll's one trip)",
              8,
              5,
              () -> {
                TicketRef t = tickets.get((int) (next.getAndIncrement() % tickets.size()));
                window.peek(t, Instant.now(), expireAt);
              }));
      return results;
    }
  }

  private static String redisVersion(Settings settings) {
    try (ApplicationContext ctx =
        FunctionContexts.start(FunctionEnvironments.POLL_POSITION, settings)) {
      String info = primary(ctx).sync().info("server");
      Matcher m = Pattern.compile("redis_version:(\\S+)").matcher(info);
      return m.find() ? m.group(1) : "?";
    }
  }

  @SuppressWarnings("unchecked")
  private static StatefulRedisConnection<String, String> primary(ApplicationContext ctx) {
    return ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
