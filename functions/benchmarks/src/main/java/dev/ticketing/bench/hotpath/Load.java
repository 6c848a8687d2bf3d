package dev.ticketing.bench.hotpath;

import dev.ticketing.bench.poll.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Load on one route, with the gateway's CPU over the same window: closed loop (a fixed number of
 * requests in flight) or open loop (a fixed rate, as buyers' timers poll).
 */
final class Load {
  private final Driver driver;
  private final GatewayProcess gateway;

  Load(Driver driver, GatewayProcess gateway) {
    this.driver = driver;
    this.gateway = gateway;
  }

  Call driverRequest(String path) {
    return driver.request(path);
  }

  /** What one measured window served. */
  static final class Result {
    final String name;
    final Latencies latencies = new Latencies(4_000_000);
    final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    final AtomicLong skipped = new AtomicLong();
    double seconds;
    long cpuNanos;

    Result(String name) {
      this.name = name;
    }

    void record(Driver.Answer a) {
      latencies.record(a.nanos());
      statuses.computeIfAbsent(a.status(), s -> new AtomicLong()).incrementAndGet();
    }

    long answered() {
      return latencies.count();
    }

    double cpuMicrosPerRequest() {
      return cpuNanos / 1e3 / answered();
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-28s %8d requests %8.0f/s  gateway CPU %7.1f µs/request (%.2f cores)  %s"
              + "  statuses %s%s",
          name,
          answered(),
          answered() / seconds,
          cpuMicrosPerRequest(),
          cpuNanos / 1e9 / seconds,
          latencies.summary(),
          new TreeMap<>(statuses),
          skipped.get() > 0 ? "  skipped " + skipped.get() : "");
    }
  }

  /**
   * {@code inFlight} requests at all times for {@code seconds}; request {@code i} from {@code
   * next}.
   */
  Result closed(String name, int inFlight, double seconds, IntFunction<Call> next)
      throws InterruptedException {
    Result result = new Result(name);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong sequence = new AtomicLong();
    List<CompletableFuture<Void>> lanes = new ArrayList<>();
    long cpu = gateway.cpuNanos();
    long start = System.nanoTime();
    for (int lane = 0; lane < inFlight; lane++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      lanes.add(done);
      lap(result, running, sequence, next, done);
    }
    Thread.sleep((long) (seconds * 1000));
    running.set(false);
    CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
    result.seconds = (System.nanoTime() - start) / 1e9;
    result.cpuNanos = gateway.cpuNanos() - cpu;
    return result;
  }

  private void lap(
      Result result,
      AtomicBoolean running,
      AtomicLong sequence,
      IntFunction<Call> next,
      CompletableFuture<Void> done) {
    if (!running.get()) {
      done.complete(null);
      return;
    }
    driver
        .send(next.apply((int) sequence.getAndIncrement()))
        .thenAccept(
            a -> {
              if (running.get()) {
                result.record(a);
              }
              lap(result, running, sequence, next, done);
            });
  }

  /**
   * Client {@code i} of {@code clients} sends at {@code start + (i/clients + k) * period} (once a
   * period each, spread evenly); a send whose previous one has not answered is skipped and counted.
   */
  Result periodic(
      String name, int clients, long periodMillis, double seconds, IntFunction<Call> request)
      throws InterruptedException {
    Result result = new Result(name);
    AtomicBoolean[] busy = new AtomicBoolean[clients];
    for (int i = 0; i < clients; i++) {
      busy[i] = new AtomicBoolean();
    }
    AtomicLong pending = new AtomicLong();
    long cpu = gateway.cpuNanos();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long sent = 0;
    for (long now = start; now < end; now = System.nanoTime()) {
      long due = (now - start) * clients / (periodMillis * 1_000_000L);
      for (; sent <= due; sent++) {
        int client = (int) (sent % clients);
        if (!busy[client].compareAndSet(false, true)) {
          result.skipped.incrementAndGet();
          continue;
        }
        pending.incrementAndGet();
        driver
            .send(request.apply(client))
            .thenAccept(
                a -> {
                  result.record(a);
                  busy[client].set(false);
                  pending.decrementAndGet();
                });
      }
      Thread.sleep(1);
    }
    while (pending.get() > 0) {
      Thread.sleep(5);
    }
    result.seconds = (System.nanoTime() - start) / 1e9;
    result.cpuNanos = gateway.cpuNanos() - cpu;
    return result;
  }
}
