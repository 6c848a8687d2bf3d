package dev.ticketing.bench.hotpath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The local gateway in a JVM of its own, so that its CPU (read from {@code /proc/<pid>/stat}) is
 * the server's alone: not the load driver's, nor MariaDB's or Redis's (processes of their own).
 */
final class GatewayProcess implements AutoCloseable {
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final Process process;
  private final int port;

  private GatewayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code dev.ticketing.gateway.LocalGateway} from this JVM's class path with {@code env}
   * and the JVM options given; returns once it answers. With {@code jfrFile} it records a JFR
   * profile (written when the gateway stops).
   */
  static GatewayProcess start(Map<String, String> env, List<String> jvmOptions, Path jfrFile)
      throws IOException, InterruptedException {
    int port = freePort();
    Path logback = Files.createTempFile("hotpath-logback", ".xml");
    // The per-request access line is API Gateway's access log on AWS, not the function's cost.
    Files.writeString(
        logback,
        "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern>"
            + "</encoder></appender><root level=\"WARN\"><appender-ref ref=\"OUT\"/></root>"
            + "</configuration>");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dlogback.configurationFile=" + logback);
    if (jfrFile != null) {
      command.add(
          "-XX:StartFlightRecording=filename=" + jfrFile + ",settings=profile,dumponexit=true");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.ticketing.gateway.LocalGateway");
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(env);
    builder.environment().put("PORT", Integer.toString(port));
    Process process = builder.start();
    GatewayProcess gateway = new GatewayProcess(process, port);
    gateway.awaitReady();
    return gateway;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** CPU (user + system) the gateway process has used so far, in nanoseconds. */
  long cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The gateway's CPU so far by kind of thread, in nanoseconds (from {@code
   * /proc/<pid>/task/<tid>/stat}; a thread that has ended is in none): {@code request} the threads
   * that carry requests (the gateway's HTTP and function threads, Lettuce's event loops), {@code
   * background} the advancer's ticks and hold sweeps and the pool's housekeeping (on AWS another
   * function's or nobody's), {@code jit} the JIT compilers, {@code gc} the GC and the VM thread,
   * {@code other} the rest (JFR's threads among them).
   */
  Map<String, Long> cpuNanosByThreads() {
    Map<String, Long> byKind = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    try (var dirs = Files.list(tasks)) {
      for (Path task : dirs.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        byKind.merge(threadKind(name), cpu, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byKind;
  }

  private static String threadKind(String name) {
    if (name.startsWith("gateway-") || name.startsWith("lettuce-") || name.startsWith("nioEvent")) {
      return "request";
    }
    if (name.startsWith("advance-") || name.startsWith("HikariPool")) {
      return "background";
    }
    if (name.contains("Compiler")) {
      return "jit";
    }
    if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM ")) {
      return "gc";
    }
    return "other";
  }

  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/performances"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the gateway exited with " + process.exitValue());
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the gateway did not answer within 300 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the gateway the way Ctrl-C does (its shutdown hooks run, JFR writes its file). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
