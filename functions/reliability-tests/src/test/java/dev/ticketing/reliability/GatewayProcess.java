package dev.ticketing.reliability;

import dev.ticketing.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;

/**
 * The local gateway as the README runs it ({@code local-gateway-all.jar}), as a child process of
 * the suite with the test hook's classes on its class path, against the suite's own stores.
 */
final class GatewayProcess implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofMinutes(3);
  private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TMPDIR");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Path jar;
  private final Path hookClasses;
  private final Map<String, String> environment;
  private final Path trigger;
  private final Path log;
  private final int port;
  private Process process;

  GatewayProcess(
      Path jar, Path hookClasses, Map<String, String> environment, Path trigger, Path log) {
    this.jar = jar;
    this.hookClasses = hookClasses;
    this.environment = environment;
    this.trigger = trigger;
    this.log = log;
    this.port = Integer.parseInt(environment.get("PORT"));
  }

  int port() {
    return port;
  }

  /** Starts the gateway and waits until it serves the catalog. */
  void start() {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the whole reactor first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-D" + "reliability.halt-after-commit=" + trigger);
    command.add("-cp");
    command.add(jar + java.io.File.pathSeparator + hookClasses);
    command.add("dev.ticketing.gateway.LocalGateway");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(log.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().retainAll(INHERITED);
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerProcess.awaitTrue(
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("the gateway exited at start; see " + log);
          }
          return serves();
        },
        READY_WITHIN,
        () -> "the gateway did not start within " + READY_WITHIN + "; see " + log);
  }

  /** Whether it answers the catalog with 200. */
  boolean serves() {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/performances"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Writes the gateway's thread dump ({@code jstack}) to {@code file}, for a failure's report. */
  void threadDump(Path file) {
    try {
      new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
              Long.toString(process.pid()))
          .redirectErrorStream(true)
          .redirectOutput(file.toFile())
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the process has ended by itself (the hook halted it); its exit code. */
  int awaitExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the gateway still runs after " + within);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
