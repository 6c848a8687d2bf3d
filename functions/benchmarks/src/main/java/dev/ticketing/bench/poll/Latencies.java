package dev.ticketing.bench.poll;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Latency samples (nanoseconds), recorded from any thread, summarized as percentiles. */
public final class Latencies {
  private final long[] samples;
  private final AtomicInteger count = new AtomicInteger();

  public Latencies(int capacity) {
    this.samples = new long[capacity];
  }

  public void record(long nanos) {
    int i = count.getAndIncrement();
    if (i < samples.length) {
      samples[i] = nanos;
    }
  }

  public int count() {
    return Math.min(count.get(), samples.length);
  }

  /** {@code p50 1.2 ms p95 ...}. */
  public String summary() {
    long[] sorted = Arrays.copyOf(samples, count());
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms",
        millis(sorted, 0.50),
        millis(sorted, 0.95),
        millis(sorted, 0.99),
        millis(sorted, 1.0));
  }

  public double percentileMillis(double p) {
    long[] sorted = Arrays.copyOf(samples, count());
    Arrays.sort(sorted);
    return millis(sorted, p);
  }

  private static double millis(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
