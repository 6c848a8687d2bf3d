package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.testing.TestStores;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in-process against configured servers (DATABASE_URL / REDIS_URL of the test stores),
 * routing real HTTP through each function's Lambda handler.
 */
class LocalGatewayTest {
  @TempDir static Path spa;
  private static LocalGateway gateway;
  private static GatewayHttp http;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(spa.resolve("index.html"), "<!doctype html><title>Tickets</title>");
    Files.createDirectories(spa.resolve("assets"));
    Files.writeString(spa.resolve("assets/app.js"), "console.log('hi')");
    Map<String, String> env = new HashMap<>(TestStores.environment());
    env.put("PORT", "0");
    env.put("FRONTEND_DIR", spa.toString());
    gateway = LocalGateway.start(env);
    http = new GatewayHttp(gateway.port());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void theCatalogListsTheDemoPerformance() throws Exception {
    HttpResponse<String> response = http.get("/api/performances");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("json"));
    assertTrue(response.body().contains("\"name\":\"Aurora Live"), response.body());
    assertTrue(response.body().contains("\"seatCount\":500"), response.body());
  }

  @Test
  void eachResponseHeaderOfAFunctionIsSentOnce() throws Exception {
    HttpResponse<String> response = http.get("/api/performances");
    assertEquals(200, response.statusCode());
    assertEquals(
        1, response.headers().allValues("Content-Type").size(), response.headers().toString());
  }

  @Test
  void anUnknownApiPathIsAJson404FromTheGateway() throws Exception {
    HttpResponse<String> response = http.get("/api/nowhere");
    assertEquals(404, response.statusCode());
    assertTrue(response.body().contains("\"error\":\"not_found\""));
  }

  @Test
  void aWrongMethodReachesTheOwningFunctionAndGetsItsJson405() throws Exception {
    HttpResponse<String> response =
        http.send("PATCH", "/api/performances", "application/json", "{}");
    assertEquals(405, response.statusCode());
    assertTrue(response.body().contains("\"error\":\"method_not_allowed\""), response.body());
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeAnyFunctionRuns() throws Exception {
    HttpResponse<String> response =
        http.send(
            "POST", "/api/performances/1/reservations", "application/json", "x".repeat(40_000));
    assertEquals(413, response.statusCode());
    assertTrue(response.body().contains("\"error\":\"payload_too_large\""));
  }

  @Test
  void theSpaIsServedAtTheRootWithIndexFallbackForClientRoutes() throws Exception {
    HttpResponse<String> root = http.get("/");
    assertEquals(200, root.statusCode());
    assertTrue(root.body().contains("<title>Tickets</title>"));
    HttpResponse<String> clientRoute = http.get("/performances/1/queue");
    assertEquals(200, clientRoute.statusCode());
    assertTrue(clientRoute.body().contains("<title>Tickets</title>"));
    HttpResponse<String> asset = http.get("/assets/app.js");
    assertEquals("console.log('hi')", asset.body());
    assertTrue(asset.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
  }

  @Test
  void pathTraversalNeverLeavesTheSpaDirectory() throws Exception {
    HttpResponse<String> response = http.get("/../../../../etc/passwd");
    assertTrue(!response.body().contains("root:"), response.body());
  }
}
