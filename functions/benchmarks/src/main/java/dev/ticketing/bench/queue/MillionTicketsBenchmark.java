package dev.ticketing.bench.queue;

import ch.qos.logback.classic.Level;
import dev.ticketing.bench.poll.Latencies;
import dev.ticketing.bench.poll.RedisCeiling;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.NewTicket;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.QueueKeys;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.TickResult;
import dev.ticketing.queue.TicketCounter;
import dev.ticketing.queue.TicketRef;
import dev.ticketing.queue.TicketStatus;
import dev.ticketing.queue.TicketWindow;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * A million waiting tickets in one performance's queue, in Redis: fills the queue through the real
 * {@code issue.lua} (pipelined), then measures the memory per ticket, {@code poll.lua}'s latency
 * with the million waiting, one advancer tick with them, the same with 100,000 abandoned tickets to
 * purge (how long each script held Redis, from Redis's own SLOWLOG), and poll throughput at a
 * million waiting against a thousand.
 *
 * <pre>
 *   ./mvnw -q -B -pl functions/benchmarks -am package -DskipTests
 *   java -Xmx2g -cp functions/benchmarks/target/benchmarks-all.jar \
 *       dev.ticketing.bench.queue.MillionTicketsBenchmark [--tickets 1000000] [--abandoned 100000]
 * </pre>
 *
 * The stores are embedded ones of its own unless REDIS_URL / DATABASE_URL name servers (never point
 * it at a shared Redis: it writes a million tickets and changes the SLOWLOG settings for the tick).
 * Time is given to the scripts as an argument (as the functions do), so the tickets are issued "at"
 * chosen instants; the cadence is flat (every answer says 1 s) so that any ticket may be polled at
 * any time, which is the same script work as any other cadence.
 */
public final class MillionTicketsBenchmark {
  private static final int IN_FLIGHT = 2_000;
  private static final int SAMPLE = 200_000;
  private static final int LATENCY_POLLS = 20_000;
  private static final int SMALL_QUEUE = 1_000;
  private static final double BLOCK_LIMIT_MS = 10;

  private MillionTicketsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tickets = intArg(args, "--tickets", 1_000_000);
    int abandoned = intArg(args, "--abandoned", 100_000);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.ticketing")).setLevel(Level.WARN);
    Map<String, String> overrides = new HashMap<>();
    overrides.put("QUEUE_CAPACITY", "100");
    overrides.put("POLL_AFTER_MIN_SECONDS", "1");
    overrides.put("POLL_AFTER_MAX_SECONDS", "1");
    overrides.put("QUEUE_POLL_BUDGET_PER_SECOND", "1000000");
    overrides.put("REDIS_COMMAND_TIMEOUT_MS", "30000");
    try (ApplicationContext ctx =
        TestStores.context(FunctionEnvironments.ADVANCE_QUEUE, overrides)) {
      new MillionTicketsBenchmark.Run(ctx, tickets, abandoned).run();
    }
    System.exit(0);
  }

  private static final class Run {
    private final int tickets;
    private final int abandoned;
    private final RedisCommands<String, String> redis;
    private final StatefulRedisConnection<String, String> connection;
    private final TicketCounter counter;
    private final TicketWindow window;
    private final QueueAdvancer advancer;
    private final QueueRules rules;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final long base = 900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);

    @SuppressWarnings("unchecked")
    Run(ApplicationContext ctx, int tickets, int abandoned) {
      this.tickets = tickets;
      this.abandoned = abandoned;
      this.connection = ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
      this.redis = connection.sync();
      this.counter = ctx.getBean(TicketCounter.class);
      this.window = ctx.getBean(TicketWindow.class);
      this.advancer = ctx.getBean(QueueAdvancer.class);
      this.rules = ctx.getBean(QueueRules.class);
    }

    void run() throws Exception {
      SaleWindow big = sale(base);
      SaleWindow small = sale(base + 1);
      System.out.printf(
          Locale.ROOT,
          "Redis %s, %d cores, %s %s, %s%n",
          info("server", "redis_version"),
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"),
          Instant.now());

      long before = usedMemory();
      redis.configResetstat();
      long start = System.nanoTime();
      List<TicketRef> sample = fill(big, tickets, t0);
      double fillSeconds = (System.nanoTime() - start) / 1e9;
      long after = usedMemory();
      double issueMicros =
          Double.parseDouble(info("commandstats", "cmdstat_evalsha:.*usec_per_call=([0-9.]+)"));
      QueueKeys keys = new QueueKeys(big.performanceId());
      System.out.printf(
          Locale.ROOT,
          "filled: %,d tickets through issue.lua, pipelined (%d in flight): %.1f s, %,.0f/s;"
              + " Redis's own time per issue.lua (commandstats): %.2f µs%n",
          tickets,
          IN_FLIGHT,
          fillSeconds,
          tickets / fillSeconds,
          issueMicros);
      System.out.printf(
          Locale.ROOT,
          "memory: used_memory +%,d bytes = %.0f bytes per waiting ticket; by key (MEMORY"
              + " USAGE): waiting %.0f, deadlines %.0f, tickets %.0f bytes per ticket%n",
          after - before,
          (after - before) / (double) tickets,
          memoryUsage(keys.waiting()) / (double) tickets,
          memoryUsage(keys.deadlines()) / (double) tickets,
          memoryUsage(keys.tickets()) / (double) tickets);

      Instant pollAt = t0.plusSeconds(10);
      pollLatency(big, sample.subList(0, LATENCY_POLLS), pollAt);

      List<TicketRef> few = fill(small, SMALL_QUEUE, t0);
      List<Double> bigRates = new ArrayList<>();
      List<Double> smallRates = new ArrayList<>();
      AtomicLong nextBig = new AtomicLong(LATENCY_POLLS);
      for (int round = 0; round < 3; round++) {
        bigRates.add(throughput("poll.lua, " + tickets + " waiting", big, sample, nextBig));
        smallRates.add(throughput("poll.lua, " + SMALL_QUEUE + " waiting", small, few, null));
      }
      List<Double> bigMicros = new ArrayList<>();
      List<Double> smallMicros = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        bigMicros.add(serverTime("poll.lua, " + tickets + " waiting", big, sample));
        smallMicros.add(serverTime("poll.lua, " + SMALL_QUEUE + " waiting", small, few));
      }
      double bigUs = bigMicros.stream().mapToDouble(d -> d).min().orElse(0);
      double smallUs = smallMicros.stream().mapToDouble(d -> d).min().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "Redis's own time per poll, best of 3: %.2f µs at %,d waiting, %.2f µs at %,d: the store"
              + " serves %.2f as many polls a second at %,d (target: within 20 %%: %s)%n",
          bigUs,
          tickets,
          smallUs,
          SMALL_QUEUE,
          smallUs / bigUs,
          tickets,
          Math.abs(1 - smallUs / bigUs) <= 0.2 ? "met" : "MISSED");
      double bigRate = bigRates.stream().mapToDouble(d -> d).average().orElse(0);
      double smallRate = smallRates.stream().mapToDouble(d -> d).average().orElse(0);
      double ratio = bigRate / smallRate;
      System.out.printf(
          Locale.ROOT,
          "poll throughput at %,d waiting / at %,d waiting: %,.0f/s / %,.0f/s = %.2f (target:"
              + " within 20 %%: %s)%n",
          tickets,
          SMALL_QUEUE,
          bigRate,
          smallRate,
          ratio,
          Math.abs(1 - ratio) <= 0.2 ? "met" : "MISSED");

      double worst = tick(big, t0.plusSeconds(20), "a tick with " + tickets + " waiting");
      fill(big, abandoned, t0.minusSeconds(1_000));
      System.out.printf(
          Locale.ROOT,
          "added %,d tickets issued 1,000 s before and never polled (past their deadline)%n",
          abandoned);
      Instant later = t0.plusSeconds(25);
      long left = redis.zcount(keys.deadlines(), "-inf", "(" + later.toEpochMilli());
      for (int n = 1; left > 0 && n <= 10; n++) {
        worst = Math.max(worst, tick(big, later, "tick " + n + " with abandoned tickets to purge"));
        left = redis.zcount(keys.deadlines(), "-inf", "(" + later.toEpochMilli());
        later = later.plusSeconds(5);
      }
      System.out.printf(
          Locale.ROOT,
          "longest single script of any tick: %.2f ms (target: never > %.0f ms: %s)%n",
          worst,
          BLOCK_LIMIT_MS,
          worst <= BLOCK_LIMIT_MS ? "met" : "MISSED");
      cleanUp(big, small);
    }

    private SaleWindow sale(long id) {
      return new SaleWindow(id, t0.minus(Duration.ofHours(1)), t0.plus(Duration.ofDays(1)));
    }

    /** Issues {@code count} tickets at {@code at}, pipelined; a sample of them, shuffled. */
    private List<TicketRef> fill(SaleWindow sale, int count, Instant at) throws Exception {
      List<TicketRef> sample = new CopyOnWriteArrayList<>();
      sample.add(counter.issue(sale, at).ref()); // loads the script
      Semaphore inFlight = new Semaphore(IN_FLIGHT);
      AtomicLong failures = new AtomicLong();
      int every = Math.max(1, count / SAMPLE);
      for (int i = 1; i < count; i++) {
        inFlight.acquire();
        boolean keep = i % every == 0;
        counter
            .issueAsync(connection.async(), sale, at)
            .whenComplete(
                (NewTicket t, Throwable e) -> {
                  inFlight.release();
                  if (e != null) {
                    failures.incrementAndGet();
                  } else if (keep) {
                    sample.add(t.ref());
                  }
                });
      }
      inFlight.acquire(IN_FLIGHT);
      inFlight.release(IN_FLIGHT);
      if (failures.get() > 0) {
        throw new IllegalStateException(failures.get() + " tickets failed to issue");
      }
      List<TicketRef> shuffled = new ArrayList<>(sample);
      Collections.shuffle(shuffled);
      return shuffled;
    }

    private void pollLatency(SaleWindow sale, List<TicketRef> polled, Instant at) {
      Instant expire = rules.keysExpireAt(sale);
      Latencies latencies = new Latencies(polled.size());
      Map<String, Long> kinds = new ConcurrentHashMap<>();
      for (TicketRef t : polled) {
        long sent = System.nanoTime();
        TicketStatus s = window.poll(t, at, expire);
        latencies.record(System.nanoTime() - sent);
        kinds.merge(s.getClass().getSimpleName(), 1L, Long::sum);
      }
      System.out.printf(
          Locale.ROOT,
          "poll.lua with %,d waiting, one client thread, round trip: %s (%s)%n",
          tickets,
          latencies.summary(),
          kinds);
    }

    /** 8 threads on the one shared connection for 5 s; polls per second. */
    private double throughput(String name, SaleWindow sale, List<TicketRef> pool, AtomicLong next)
        throws InterruptedException {
      Instant expire = rules.keysExpireAt(sale);
      AtomicLong i = next != null ? next : new AtomicLong();
      Instant at = t0.plusSeconds(10);
      RedisCeiling.Result r =
          RedisCeiling.measure(
              name,
              8,
              5,
              () -> {
                TicketRef t = pool.get((int) (i.getAndIncrement() % pool.size()));
                window.poll(t, at, expire);
              });
      System.out.println("  " + r);
      return r.perSecond();
    }

    /**
     * Redis's own execution time per poll.lua call (INFO commandstats over 20,000 polls of random
     * tickets, one client thread), in µs: the work a poll costs the store, without the client's.
     */
    private double serverTime(String name, SaleWindow sale, List<TicketRef> pool) {
      Instant expire = rules.keysExpireAt(sale);
      Instant at = t0.plusSeconds(10);
      redis.configResetstat();
      for (int i = 0; i < 20_000; i++) {
        window.poll(pool.get(ThreadLocalRandom.current().nextInt(pool.size())), at, expire);
      }
      double micros =
          Double.parseDouble(info("commandstats", "cmdstat_evalsha:.*usec_per_call=([0-9.]+)"));
      System.out.printf(
          Locale.ROOT, "  %s: Redis's own time per poll (commandstats): %.2f µs%n", name, micros);
      return micros;
    }

    /** One tick, timed by the client and by Redis's SLOWLOG; returns the longest script, ms. */
    private double tick(SaleWindow sale, Instant at, String what) {
      boolean slowlog = slowlog(true);
      long start = System.nanoTime();
      TickResult r = advancer.advance(sale, at);
      double ms = (System.nanoTime() - start) / 1e6;
      double longest = Double.NaN;
      int scripts = 0;
      List<String> each = new ArrayList<>();
      if (slowlog) {
        List<Object> entries = new ArrayList<>(redis.slowlogGet(10_000));
        Collections.reverse(entries); // oldest first
        longest = 0;
        for (Object e : entries) {
          List<?> entry = (List<?>) e;
          List<?> command = (List<?>) entry.get(3);
          if (!command.isEmpty()
              && command.get(0).toString().toLowerCase(Locale.ROOT).startsWith("eval")) {
            scripts++;
            double took = ((Long) entry.get(2)) / 1000.0;
            each.add(String.format(Locale.ROOT, "%.2f", took));
            longest = Math.max(longest, took);
          }
        }
        slowlog(false);
      }
      System.out.printf(
          Locale.ROOT,
          "%s: %.1f ms in all, %d scripts (%s ms), the longest held Redis %.2f ms; called %d,"
              + " dropped %,d abandoned, %,d waiting%n",
          what,
          ms,
          scripts,
          String.join(", ", each),
          longest,
          r.called(),
          r.abandoned(),
          r.waiting());
      return Double.isNaN(longest) ? ms : longest;
    }

    /** Logs every command in the SLOWLOG (true) or restores the defaults; false if not allowed. */
    private boolean slowlog(boolean on) {
      try {
        redis.configSet("slowlog-log-slower-than", on ? "0" : "10000");
        redis.configSet("slowlog-max-len", on ? "10000" : "128");
        redis.slowlogReset();
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }

    private long usedMemory() {
      return Long.parseLong(info("memory", "used_memory"));
    }

    /** MEMORY USAGE with SAMPLES 0: every element counted, not an estimate from five. */
    private long memoryUsage(String key) {
      StringCodec codec = StringCodec.UTF8;
      Long bytes =
          redis.dispatch(
              CommandType.MEMORY,
              new IntegerOutput<>(codec),
              new CommandArgs<>(codec).add("USAGE").addKey(key).add("SAMPLES").add(0));
      return bytes == null ? 0 : bytes;
    }

    /** A field of INFO; {@code field} may be a pattern with a group (then that group). */
    private String info(String section, String field) {
      Pattern p = Pattern.compile(field.contains("(") ? field : field + ":(\\S+)");
      Matcher m = p.matcher(redis.info(section));
      return m.find() ? m.group(1) : "?";
    }

    private void cleanUp(SaleWindow... sales) {
      for (SaleWindow s : sales) {
        QueueKeys k = new QueueKeys(s.performanceId());
        redis.unlink(
            k.seq(),
            k.waiting(),
            k.deadlines(),
            k.tickets(),
            k.called(),
            k.calledAt(),
            k.admitted(),
            k.sessions(),
            k.rate(),
            k.capacity(),
            k.meta());
      }
    }
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
