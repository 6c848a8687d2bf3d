package dev.ticketing.bench.metrics;

import com.sun.management.ThreadMXBean;
import dev.ticketing.metrics.EmfLine;
import dev.ticketing.metrics.MetricGroup;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * What a reservation's metric line costs the function: the time to build it and the bytes allocated
 * per line (the line itself, nothing else), measured on this JVM's thread.
 *
 * <pre>
 *   ./mvnw -q -B -pl functions/benchmarks -am package -DskipTests
 *   java -cp functions/benchmarks/target/benchmarks-all.jar \
 *       dev.ticketing.bench.metrics.EmfLineBenchmark [lines]
 * </pre>
 *
 * Writing it to standard output comes on top (a buffered write to the runtime's log pipe).
 */
public final class EmfLineBenchmark {
  private EmfLineBenchmark() {}

  public static void main(String[] args) {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    EmfLine line =
        EmfLine.of(
            MetricGroup.RESERVATION_ATTEMPT, Map.of(MetricGroup.LOCK_STRATEGY, "redis-pubsub"));
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long sink = build(line, lines / 2);
    long bytesBefore = threads.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    sink += build(line, lines);
    long nanos = System.nanoTime() - start;
    long bytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;
    System.out.printf(
        "EMF line of %d chars: %.0f ns and %.0f bytes allocated per line over %,d lines"
            + " (checksum %d)%n",
        line.format(1_700_000_000_000L, 1, 0).length(),
        nanos / (double) lines,
        bytes / (double) lines,
        lines,
        sink);
  }

  private static long build(EmfLine line, int lines) {
    long sink = 0;
    for (int i = 0; i < lines; i++) {
      sink += line.format(1_700_000_000_000L + i, i & 1, 1 - (i & 1)).length();
    }
    return sink;
  }
}
