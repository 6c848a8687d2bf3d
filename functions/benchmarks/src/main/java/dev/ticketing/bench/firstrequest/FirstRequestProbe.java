package dev.ticketing.bench.firstrequest;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.advancequeue.AdvanceQueueFunction;
import dev.ticketing.issueticket.IssueTicketFunction;
import dev.ticketing.listseats.ListSeatsFunction;
import dev.ticketing.pollposition.PollPositionFunction;
import dev.ticketing.reserveseat.ReserveSeatFunction;
import dev.ticketing.snapstart.PrimingResource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fresh JVM of one function's handler (made as Lambda makes it, from the environment), then:
 *
 * <ul>
 *   <li>{@code cold}: the first request at once (a start without SnapStart): JVM start → first
 *       answer;
 *   <li>{@code restore-primed} / {@code restore-unprimed}: the snapshot hooks run as around a
 *       SnapStart checkpoint and restore (micronaut-crac's simulator, as SnapshotHooksTest runs
 *       them), with or without {@link PrimingResource}, then the first request;
 * </ul>
 *
 * then {@code warmup} requests and {@code measured} more: their median latency and this process's
 * CPU per request. Prints one {@code RESULT} line for {@link FirstRequests}.
 */
public final class FirstRequestProbe {
  private static final long NANOS_PER_TICK = 10_000_000L;

  private FirstRequestProbe() {}

  public static void main(String[] args) throws Exception {
    String function = args[0];
    String mode = args[1];
    List<ProbeRequest> requests =
        Files.readAllLines(Path.of(args[2])).stream().map(ProbeRequest::parse).toList();
    int warmup = Integer.parseInt(args[3]);

    long initStart = System.nanoTime();
    Handler handler = Handler.start(function);
    double initMs = (System.nanoTime() - initStart) / 1e6;
    if (!mode.equals("cold")) {
      List<OrderedResource> resources =
          new ArrayList<>(handler.context().getBeansOfType(OrderedResource.class));
      if (mode.equals("restore-unprimed")) {
        resources.removeIf(r -> r instanceof PrimingResource);
      }
      OrderUtil.sort(resources);
      DefaultCheckpointSimulator snapshot = new DefaultCheckpointSimulator(resources);
      snapshot.runBeforeCheckpoint();
      snapshot.runAfterRestore();
    }

    long sent = System.nanoTime();
    int firstStatus = handler.invoke(requests.get(0));
    double firstMs = (System.nanoTime() - sent) / 1e6;
    long sinceJvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();

    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 1; i <= warmup; i++) {
      statuses.merge(handler.invoke(requests.get(i)), 1, Integer::sum);
    }
    int measured = requests.size() - 1 - warmup;
    long[] nanos = new long[measured];
    long cpu = processCpuNanos();
    long windowStart = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      long s = System.nanoTime();
      statuses.merge(handler.invoke(requests.get(1 + warmup + i)), 1, Integer::sum);
      nanos[i] = System.nanoTime() - s;
    }
    double windowMs = (System.nanoTime() - windowStart) / 1e6;
    long cpuNanos = processCpuNanos() - cpu;
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "RESULT %s %s first=%d firstMs=%.2f jvmToFirstMs=%d initMs=%.0f warmP50Ms=%.3f"
            + " warmMeanMs=%.3f cpuPerWarmUs=%.0f statuses=%s%n",
        function,
        mode,
        firstStatus,
        firstMs,
        sinceJvmStartMs,
        initMs,
        nanos[measured / 2] / 1e6,
        windowMs / measured,
        cpuNanos / 1e3 / measured,
        statuses.toString().replace(" ", ""));
    System.exit(0);
  }

  /** CPU (user + system) of this process so far, all threads, from /proc (10 ms ticks). */
  private static long processCpuNanos() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
  }

  /** A function's Lambda handler, made by its no-argument constructor as Lambda makes it. */
  private interface Handler {
    ApplicationContext context();

    int invoke(ProbeRequest request);

    static Handler start(String function) {
      if (function.equals("advance-queue")) {
        AdvanceQueueFunction advancer = new AdvanceQueueFunction();
        return new Handler() {
          @Override
          public ApplicationContext context() {
            return advancer.getApplicationContext();
          }

          @Override
          public int invoke(ProbeRequest request) {
            advancer.handleRequest(new ScheduledEvent(), null); // an event without a time: one tick
            return 200;
          }
        };
      }
      ApiGatewayProxyRequestEventFunction http =
          switch (function) {
            case "issue-ticket" -> new IssueTicketFunction();
            case "poll-position" -> new PollPositionFunction();
            case "list-seats" -> new ListSeatsFunction();
            case "reserve-seat" -> new ReserveSeatFunction();
            default -> throw new IllegalArgumentException("no function " + function);
          };
      return new Handler() {
        @Override
        public ApplicationContext context() {
          return http.getApplicationContext();
        }

        @Override
        public int invoke(ProbeRequest request) {
          return http.handleRequest(request.event(), null).getStatusCode();
        }
      };
    }
  }
}
