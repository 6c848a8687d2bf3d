package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compressed answers (issue 18, item 7, locally): the seat map's 48 KB of JSON and the SPA's
 * JavaScript, CSS and HTML are gzipped for a client that takes gzip, small and binary bodies are
 * not, and the SPA's source maps are never served.
 */
class CompressionTest {
  /** About the size and shape of a full 500-seat map. */
  private static final String MAP = seatMap();

  @TempDir Path spa;
  private GatewayServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Files.writeString(
        spa.resolve("index.html"),
        "<!doctype html><title>Tickets</title>" + "<p>x</p>".repeat(300));
    Files.createDirectories(spa.resolve("assets"));
    Files.writeString(spa.resolve("assets/app.js"), "console.log('seat');\n".repeat(2_000));
    Files.writeString(spa.resolve("assets/app.css"), ".seat{color:red}\n".repeat(500));
    Files.writeString(
        spa.resolve("assets/app.js.map"), "{\"version\":3,\"sources\":[\"secret.ts\"]}");
    Files.write(spa.resolve("assets/logo.png"), new byte[4_000]);
    Invoker functions =
        (function, event) -> {
          APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
          r.setStatusCode(200);
          boolean map = event.getPath().endsWith("/seats");
          r.setHeaders(
              map
                  ? Map.of(
                      "Content-Type",
                      "application/json",
                      "ETag",
                      "\"42\"",
                      "Cache-Control",
                      "private, no-cache")
                  : Map.of("Content-Type", "application/json"));
          r.setBody(map ? MAP : "{\"status\":\"WAITING\",\"position\":17}");
          return r;
        };
    server =
        new GatewayServer(
            "127.0.0.1",
            0,
            functions,
            new StaticFiles(Optional.of(spa)),
            EdgeCache.standard(),
            GatewayLimits.standard(256));
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theSeatMapIsGzippedForAClientThatTakesGzip() throws Exception {
    HttpResponse<byte[]> response = get("/api/performances/1/seats", "gzip, deflate, br");
    assertEquals(200, response.statusCode());
    assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
    assertEquals("Accept-Encoding", response.headers().firstValue("Vary").orElse(""));
    assertEquals("W/\"42\"", response.headers().firstValue("ETag").orElse(""), "the bytes differ");
    assertEquals(
        response.body().length,
        Integer.parseInt(response.headers().firstValue("Content-Length").orElse("-1")));
    assertArrayEquals(MAP.getBytes(StandardCharsets.UTF_8), gunzip(response.body()));
    assertTrue(
        response.body().length < MAP.length() / 8,
        MAP.length() + " bytes sent as " + response.body().length);
    assertArrayEquals(
        response.body(), get("/api/performances/1/seats", "gzip").body(), "the same bytes again");
  }

  @ParameterizedTest
  @CsvSource(value = {"''", "identity", "gzip;q=0", "br", "*;q=0", "deflate, gzip;q=0.000"})
  void aClientThatDoesNotTakeGzipGetsTheBodyAsItIs(String acceptEncoding) throws Exception {
    HttpResponse<byte[]> response = get("/api/performances/1/seats", acceptEncoding);
    assertFalse(response.headers().firstValue("Content-Encoding").isPresent());
    assertEquals("Accept-Encoding", response.headers().firstValue("Vary").orElse(""));
    assertEquals("\"42\"", response.headers().firstValue("ETag").orElse(""));
    assertEquals(MAP, new String(response.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aWildcardTakesGzip() throws Exception {
    assertEquals(
        "gzip",
        get("/api/performances/1/seats", "*").headers().firstValue("Content-Encoding").orElse(""));
  }

  @Test
  void aSmallAnswerIsSentAsItIs() throws Exception {
    HttpResponse<byte[]> response = get("/api/performances/1/queue", "gzip");
    assertFalse(response.headers().firstValue("Content-Encoding").isPresent());
    assertFalse(response.headers().firstValue("Vary").isPresent());
    assertEquals(
        "{\"status\":\"WAITING\",\"position\":17}",
        new String(response.body(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({
    "/assets/app.js, text/javascript",
    "/assets/app.css, text/css",
    "/, text/html",
    "/performances/1/queue, text/html"
  })
  void theSpasTextFilesAreGzipped(String path, String type) throws Exception {
    HttpResponse<byte[]> response = get(path, "gzip");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(type));
    assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
    assertEquals("Accept-Encoding", response.headers().firstValue("Vary").orElse(""));
    Path file =
        path.startsWith("/assets/") ? spa.resolve(path.substring(1)) : spa.resolve("index.html");
    assertArrayEquals(Files.readAllBytes(file), gunzip(response.body()));
  }

  @Test
  void anImageIsNotGzipped() throws Exception {
    HttpResponse<byte[]> response = get("/assets/logo.png", "gzip");
    assertFalse(response.headers().firstValue("Content-Encoding").isPresent());
    assertEquals(4_000, response.body().length);
  }

  @Test
  void aSourceMapIsNeverServed() throws Exception {
    HttpResponse<byte[]> response = get("/assets/app.js.map", "gzip");
    assertEquals(404, response.statusCode());
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertTrue(body.startsWith("{\"error\":\"not_found\""), body);
    assertFalse(body.contains("secret.ts"));
  }

  @Test
  void aChangedFileIsServedAnew() throws Exception {
    get("/assets/app.css", "gzip");
    Files.writeString(spa.resolve("assets/app.css"), ".seat{color:blue}\n".repeat(600));
    assertEquals(
        ".seat{color:blue}\n".repeat(600),
        new String(gunzip(get("/assets/app.css", "gzip").body()), StandardCharsets.UTF_8));
  }

  private HttpResponse<byte[]> get(String path, String acceptEncoding)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
    if (!acceptEncoding.isEmpty()) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] gzipped) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }

  private static String seatMap() {
    StringBuilder json = new StringBuilder("{\"version\":42,\"seats\":[");
    for (int i = 1; i <= 500; i++) {
      json.append(i == 1 ? "" : ",")
          .append("{\"id\":")
          .append(i)
          .append(",\"zone\":\"Floor\",\"row\":")
          .append(i / 20 + 1)
          .append(",\"number\":")
          .append(i % 20 + 1)
          .append(",\"grade\":\"VIP\",\"price\":180.00,\"status\":\"")
          .append(i % 3 == 0 ? "RESERVED" : "AVAILABLE")
          .append("\"}");
    }
    return json.append("]}").toString();
  }
}
