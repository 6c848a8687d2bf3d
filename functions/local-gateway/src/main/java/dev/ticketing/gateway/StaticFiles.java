package dev.ticketing.gateway;

import dev.ticketing.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;

/**
 * Serves the built SPA ({@code frontend/dist}); any path that is not a file gets index.html, so
 * client-side routes survive a reload. Each file is read, and gzipped if it is text, once (again
 * when it changes on disk). Source maps are never served: the build makes none, and one left in the
 * directory stays private.
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
          "txt", "text/plain; charset=utf-8");

  private final Optional<Path> root;
  private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();

  private record Loaded(long modified, long size, String type, byte[] body, byte[] gzipped) {}

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
    if (path.endsWith(".map")) {
      return Reply.error(404, ErrorCode.NOT_FOUND, "Source maps are not served.");
    }
    Path base = root.get();
    Path file;
    try {
      file = base.resolve(path.substring(1)).normalize();
    } catch (InvalidPathException e) {
      file = base;
    }
    Loaded content = file.startsWith(base) ? load(file) : null;
    if (content == null) {
      file = base.resolve("index.html");
      content = load(file);
    }
    Reply reply =
        new Reply(
            200,
            Reply.of(200, content.type(), Reply.EMPTY).headers(),
            content.body(),
            content.gzipped());
    if (file.getFileName().toString().equals("index.html")) {
      reply.with("Cache-Control", "no-cache");
    } else if (path.startsWith("/assets/")) {
      reply.with("Cache-Control", "public, max-age=31536000, immutable");
    }
    return reply;
  }

  /** The file as last read, read again if it changed; null when it is not a regular file. */
  private Loaded load(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!attributes.isRegularFile()) {
      return null;
    }
    long modified = attributes.lastModifiedTime().toMillis();
    Loaded known = loaded.get(file);
    if (known != null && known.modified() == modified && known.size() == attributes.size()) {
      return known;
    }
    String name = file.getFileName().toString();
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    String type = TYPES.getOrDefault(ext, "application/octet-stream");
    byte[] body = Files.readAllBytes(file);
    byte[] gzipped =
        body.length >= Compression.MIN_BYTES && Compression.compressible(type)
            ? Compression.gzip(body, Deflater.BEST_COMPRESSION)
            : null;
    Loaded fresh = new Loaded(modified, attributes.size(), type, body, gzipped);
    loaded.put(file, fresh);
    return fresh;
  }
}
