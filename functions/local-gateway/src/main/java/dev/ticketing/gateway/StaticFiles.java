package dev.ticketing.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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

  /** The file at {@code path} (decoded), or index.html. */
  Reply serve(String path) throws IOException {
    if (!available()) {
      return Reply.of(
          404,
          "text/plain; charset=utf-8",
          "The SPA is not built. Build frontend/ (npm run build) or open /api/performances."
              .getBytes(StandardCharsets.UTF_8));
    }
    Path base = root.get();
    Path file;
    try {
      file = base.resolve(path.substring(1)).normalize();
    } catch (InvalidPathException e) {
      file = base;
    }
    if (!file.startsWith(base) || !Files.isRegularFile(file)) {
      file = base.resolve("index.html");
    }
    String name = file.getFileName().toString();
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    Reply reply =
        Reply.of(
            200, TYPES.getOrDefault(ext, "application/octet-stream"), Files.readAllBytes(file));
    if (name.equals("index.html")) {
      reply.with("Cache-Control", "no-cache");
    } else if (path.startsWith("/assets/")) {
      reply.with("Cache-Control", "public, max-age=31536000, immutable");
    }
    return reply;
  }
}
