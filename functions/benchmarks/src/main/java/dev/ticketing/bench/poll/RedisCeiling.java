package dev.ticketing.bench.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling the poll route cannot beat: the same Redis round trip, issued directly by a few
 * threads on one shared connection (as a function does), with no HTTP and no Lambda layer.
 */
public final class RedisCeiling {
  private RedisCeiling() {}

  public record Result(String name, long operations, double seconds, Latencies latencies) {
    public double perSecond() {
      return operations / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "%-28s %9.0f/s   %s", name, perSecond(), latencies.summary());
    }
  }

  public static Result measure(String name, int threads, double seconds, Runnable roundTrip)
      throws InterruptedException {
    Latencies latencies = new Latencies(4_000_000);
    AtomicLong operations = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                while (running.get()) {
                  long start = System.nanoTime();
                  roundTrip.run();
                  latencies.record(System.nanoTime() - start);
                  operations.incrementAndGet();
                }
              },
              "redis-ceiling-" + t);
      worker.start();
      workers.add(worker);
    }
    long started = System.nanoTime();
    go.countDown();
    Thread.sleep((long) (seconds * 1000));
    running.set(false);
    for (Thread w : workers) {
      w.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new Result(name, operations.get(), elapsed, latencies);
  }
}
