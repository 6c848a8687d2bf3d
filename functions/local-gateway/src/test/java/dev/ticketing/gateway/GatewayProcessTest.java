package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The run command's path on a machine with no database or Redis configured: the gateway process
 * starts embedded MariaDB and Redis, serves the demo performance, and on SIGTERM (what Ctrl-C sends
 * the JVM) leaves no process behind.
 */
class GatewayProcessTest {
  private static final Pattern READY = Pattern.compile("ready: open http://localhost:(\\d+)/");

  @Test
  void aGatewayWithNothingConfiguredRunsOnEmbeddedServersAndStopsCleanly() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalGateway.class.getName())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.remove("DATABASE_URL");
    env.remove("REDIS_URL");
    env.remove("DATA_DIR");
    env.put("PORT", "0");
    long started = System.nanoTime();
    Process gateway = builder.start();
    try {
      int port = awaitReady(gateway).get(180, TimeUnit.SECONDS);
      System.out.printf(
          "gateway ready on embedded servers after %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      List<ProcessHandle> children = gateway.descendants().toList();
      assertTrue(
          children.stream().anyMatch(p -> p.info().command().orElse("").contains("mariadbd")),
          "an embedded mariadbd runs under the gateway");
      assertTrue(
          children.stream().anyMatch(p -> p.info().command().orElse("").contains("redis-server")),
          "an embedded redis-server runs under the gateway");

      HttpResponse<String> list = new GatewayHttp(port).get("/api/performances");
      assertEquals(200, list.statusCode());
      assertTrue(list.body().contains("\"seatCount\":500"), list.body());

      gateway.destroy();
      assertTrue(gateway.waitFor(60, TimeUnit.SECONDS), "the gateway exits on SIGTERM");
      for (ProcessHandle child : children) {
        child.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(child.isAlive(), "left behind: " + child.info().command().orElse("?"));
      }
    } finally {
      gateway.descendants().forEach(ProcessHandle::destroyForcibly);
      gateway.destroyForcibly();
    }
  }

  /** Reads the gateway's log until it prints the URL to open; echoes the log to this test's. */
  private static CompletableFuture<Integer> awaitReady(Process process) {
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  System.out.println("[gateway] " + line);
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    ready.complete(Integer.parseInt(m.group(1)));
                  }
                }
                ready.completeExceptionally(new IllegalStateException("gateway exited early"));
              } catch (Exception e) {
                ready.completeExceptionally(e);
              }
            },
            "gateway-log");
    reader.setDaemon(true);
    reader.start();
    return ready;
  }
}
