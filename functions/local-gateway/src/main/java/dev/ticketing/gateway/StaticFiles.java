package dev.ticketing.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the built SPA ({@code frontend/dist}); any path that is not a file gets index.html, so
 * client-side routes survive a reload.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json",
          "woff2", "font/woff2",
          "map", "application/json");

  private final Optional<Path> root;

  StaticFiles(Optional<Path> root) {
    this.root = root.map(p -> p.toAbsolutePath().normalize());
  }

  boolean available() {
    return root.isPresent() && Files.isRegularFile(root.get().resolve("index.html"));
  }

  Optional<Path> root() {
    return root;
  }

  int serve(HttpExchange exchange) throws IOException {
    if (!available()) {
      return send(
          exchange,
          404,
          "text/plain; charset=utf-8",
          ("The SPA is not built. Build frontend/ (npm run build) or open /api/performances.")
              .getBytes());
    }
    Path base = root.get();
    String path = exchange.getRequestURI().getPath();
    Path file = base.resolve(path.substring(1)).normalize();
    if (!file.startsWith(base) || !Files.isRegularFile(file)) {
      file = base.resolve("index.html");
    }
    String name = file.getFileName().toString();
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    String type = TYPES.getOrDefault(ext, "application/octet-stream");
    if (name.equals("index.html")) {
      exchange.getResponseHeaders().add("Cache-Control", "no-cache");
    } else if (path.startsWith("/assets/")) {
      exchange.getResponseHeaders().add("Cache-Control", "public, max-age=31536000, immutable");
    }
    return send(exchange, 200, type, Files.readAllBytes(file));
  }

  private static int send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
    return status;
  }
}
