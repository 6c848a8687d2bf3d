package dev.ticketing.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.error.ErrorBodies;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.error.RequestBodyGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One HTTP port: {@code /api/...} to the functions, everything else to the SPA. */
final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("gateway");

  static {
    // The JDK server leaves Nagle's algorithm on: a small response written in two parts (headers,
    // body) then waits for the client's delayed ACK, ~40 ms per request on Linux loopback.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** API Gateway's own payload limit is 10 MB; nothing we accept comes near {@code 16 KiB}. */
  private static final int MAX_READ_BYTES = RequestBodyGuard.MAX_BODY_BYTES + 1;

  private final HttpServer server;
  private final ExecutorService workers;
  private final Invoker functions;
  private final StaticFiles spa;
  private final EdgeCache cache;

  GatewayServer(
      String host, int port, Invoker functions, StaticFiles spa, EdgeCache cache, int threads)
      throws IOException {
    this.functions = functions;
    this.spa = spa;
    this.cache = cache;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
    this.workers = Executors.newFixedThreadPool(threads);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String requestId = UUID.randomUUID().toString();
    int status = 500;
    try {
      if (path.equals("/api") || path.startsWith("/api/")) {
        status = api(exchange, method, path, requestId);
      } else {
        status = spa.serve(exchange);
      }
    } catch (RuntimeException e) {
      LOG.error("request {} {} {} failed in the gateway", requestId, method, path, e);
      status =
          json(
              exchange,
              500,
              ErrorBodies.of(
                  ErrorCode.INTERNAL_ERROR,
                  "Something went wrong on our side. Quote request id " + requestId + "."));
    } finally {
      exchange.close();
      LOG.info(
          "{} {} {} {}ms",
          method,
          path,
          status,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  private int api(HttpExchange exchange, String method, String path, String requestId)
      throws IOException {
    Optional<Route> route = RouteTable.match(method, path);
    if (route.isEmpty()) {
      return json(exchange, 404, ErrorBodies.of(ErrorCode.NOT_FOUND, "No API route " + path + "."));
    }
    byte[] body = readBody(exchange.getRequestBody());
    if (body.length >= MAX_READ_BYTES) {
      return json(
          exchange,
          413,
          ErrorBodies.of(
              ErrorCode.PAYLOAD_TOO_LARGE,
              "The request body is larger than " + RequestBodyGuard.MAX_BODY_BYTES + " bytes."));
    }
    EdgeCache.Origin origin =
        conditional ->
            functions.invoke(
                route.get().function(),
                ProxyEvents.toEvent(exchange, route.get(), body, requestId, conditional));
    APIGatewayProxyResponseEvent response =
        method.equals("GET")
            ? cache.get(
                EdgeCache.key(path, exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("If-None-Match"),
                origin)
            : origin.call(true);
    return ProxyEvents.send(exchange, response);
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_READ_BYTES);
    in.transferTo(OutputStream.nullOutputStream());
    return body;
  }

  private static int json(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    StringBuilder sb = new StringBuilder("{");
    body.forEach(
        (k, v) -> {
          if (sb.length() > 1) {
            sb.append(',');
          }
          sb.append('"').append(k).append("\":\"").append(escape(String.valueOf(v))).append('"');
        });
    byte[] bytes = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
    return status;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
