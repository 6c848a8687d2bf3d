package dev.ticketing.gateway;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for text answers, as API Gateway (its minimum compression size) and CloudFront do on AWS: a
 * JSON, JavaScript, CSS, HTML, SVG or other text body of at least {@link #MIN_BYTES} is sent
 * gzipped to a client whose {@code Accept-Encoding} takes gzip, and every such answer says {@code
 * Vary: Accept-Encoding}. A compressed answer's strong ETag becomes weak (the bytes differ; the
 * entity is the same, and the functions compare If-None-Match weakly). An answer with a strong ETag
 * is compressed once per path and tag (a seat map version read by many buyers).
 */
final class Compression {
  static final int MIN_BYTES = 1024;

  /** Fast: API answers are compressed as they are sent (the SPA's files once, harder). */
  private static final int API_LEVEL = Deflater.BEST_SPEED;

  private static final int MEMO_ENTRIES = 256;
  private static final Map<String, byte[]> byTag = new ConcurrentHashMap<>();

  private Compression() {}

  /** {@code reply} as it should go to a client that sent {@code acceptEncoding}. */
  static Reply apply(Reply reply, String acceptEncoding, String target) {
    HttpHeaders headers = reply.headers();
    if (reply.body().length < MIN_BYTES
        || !compressible(headers.get(HttpHeaderNames.CONTENT_TYPE))
        || headers.contains(HttpHeaderNames.CONTENT_ENCODING)) {
      return reply;
    }
    vary(headers);
    if (!acceptsGzip(acceptEncoding)) {
      return reply;
    }
    String etag = headers.get(HttpHeaderNames.ETAG);
    byte[] gzipped = reply.gzipped();
    if (gzipped == null) {
      gzipped =
          etag != null && !etag.startsWith("W/")
              ? memo(target, etag, reply.body())
              : gzip(reply.body(), API_LEVEL);
    }
    headers.set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
    if (etag != null && !etag.startsWith("W/")) {
      headers.set(HttpHeaderNames.ETAG, "W/" + etag);
    }
    return new Reply(reply.status(), headers, gzipped, null);
  }

  private static byte[] memo(String target, String etag, byte[] body) {
    String key = target + ' ' + etag + ' ' + body.length;
    byte[] known = byTag.get(key);
    if (known != null) {
      return known;
    }
    byte[] gzipped = gzip(body, API_LEVEL);
    if (byTag.size() >= MEMO_ENTRIES) {
      byTag.clear();
    }
    byTag.put(key, gzipped);
    return gzipped;
  }

  static boolean compressible(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.startsWith("application/json")
        || type.startsWith("application/javascript")
        || type.startsWith("application/xml")
        || type.startsWith("application/manifest+json")
        || type.startsWith("image/svg+xml");
  }

  /** Whether gzip is acceptable: named (or {@code *}) without {@code q=0}. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    Boolean gzip = null;
    Boolean any = null;
    for (String part : acceptEncoding.split(",")) {
      String[] params = part.trim().split(";");
      String coding = params[0].trim().toLowerCase(Locale.ROOT);
      boolean acceptable = true;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("q=")) {
          acceptable = !p.substring(2).trim().matches("0(\\.0{0,3})?");
        }
      }
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        gzip = acceptable;
      } else if (coding.equals("*")) {
        any = acceptable;
      }
    }
    return gzip != null ? gzip : Boolean.TRUE.equals(any);
  }

  private static void vary(HttpHeaders headers) {
    String vary = headers.get(HttpHeaderNames.VARY);
    if (vary == null) {
      headers.set(HttpHeaderNames.VARY, "Accept-Encoding");
    } else if (!vary.trim().equals("*")
        && !vary.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
      headers.set(HttpHeaderNames.VARY, vary + ", Accept-Encoding");
    }
  }

  static byte[] gzip(byte[] body, int level) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out) {
          {
            def.setLevel(level);
          }
        }) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
