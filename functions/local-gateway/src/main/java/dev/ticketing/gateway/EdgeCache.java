package dev.ticketing.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The local stand-in for CloudFront's cache in front of the API. A {@code GET} answer {@code 200}
 * whose {@code Cache-Control} says {@code public} with {@code s-maxage=N} (else {@code max-age=N})
 * is kept N seconds under its path and query, whatever the request's headers, and served to every
 * client without invoking the function again ({@code Age} and {@code X-Cache} added, an {@code
 * If-None-Match} naming its ETag answered {@code 304}). Concurrent misses for one key make one
 * function call (single flight), without the client's conditional headers, as CloudFront fetches
 * what it will keep. Anything else (private, no-store, no-cache, a Set-Cookie, another status) is
 * never kept; its key is then passed straight to the function for a while ("hit for pass"), so
 * per-buyer routes such as the queue poll are never made to wait on each other.
 */
final class EdgeCache {
  static final String HIT = "Hit from gateway";
  static final String MISS = "Miss from gateway";
  private static final long PASS_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long MAX_TTL_SECONDS = TimeUnit.DAYS.toSeconds(1);
  private static final int MAX_PASS_KEYS = 10_000;

  private final LongSupplier nanoClock;
  private final long maxBytes;
  private final Map<String, Stored> stored = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Stored>> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Long> passUntil = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();

  EdgeCache(LongSupplier nanoClock, long maxBytes) {
    this.nanoClock = nanoClock;
    this.maxBytes = maxBytes;
  }

  static EdgeCache standard() {
    return new EdgeCache(System::nanoTime, 64L << 20);
  }

  /** The cache key: the path and the query string, as the client sent them. */
  static String key(String rawPath, String rawQuery) {
    return rawQuery == null ? rawPath : rawPath + '?' + rawQuery;
  }

  /** The function behind the cache: asked with or without the client's conditional headers. */
  @FunctionalInterface
  interface Origin {
    APIGatewayProxyResponseEvent call(boolean conditional);
  }

  /** The answer to a {@code GET} of {@code key}: from the cache, or from {@code origin}. */
  APIGatewayProxyResponseEvent get(String key, String ifNoneMatch, Origin origin) {
    long now = nanoClock.getAsLong();
    Stored hit = fresh(key, now);
    if (hit != null) {
      return hit.answer(now, ifNoneMatch);
    }
    Long pass = passUntil.get(key);
    if (pass != null && pass - now > 0) {
      return fetch(key, origin, true, ifNoneMatch).response;
    }
    CompletableFuture<Stored> mine = new CompletableFuture<>();
    CompletableFuture<Stored> leader = inFlight.putIfAbsent(key, mine);
    if (leader != null) {
      return follow(key, leader, ifNoneMatch, origin);
    }
    try {
      hit = fresh(key, nanoClock.getAsLong());
      if (hit != null) {
        mine.complete(hit);
        return hit.answer(nanoClock.getAsLong(), ifNoneMatch);
      }
      Fetched fetched = fetch(key, origin, false, ifNoneMatch);
      mine.complete(fetched.stored);
      return fetched.response;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /** A request that came while another fetched the same key: its answer, if it could be kept. */
  private APIGatewayProxyResponseEvent follow(
      String key, CompletableFuture<Stored> leader, String ifNoneMatch, Origin origin) {
    Stored shared;
    try {
      shared = leader.join();
    } catch (CompletionException e) {
      shared = null;
    }
    // An answer that may not be shared (or a failed call) is no answer for this client: ask.
    return shared != null
        ? shared.answer(nanoClock.getAsLong(), ifNoneMatch)
        : fetch(key, origin, true, ifNoneMatch).response;
  }

  private Fetched fetch(String key, Origin origin, boolean conditional, String ifNoneMatch) {
    APIGatewayProxyResponseEvent response = origin.call(conditional);
    long ttl = ttlSeconds(response);
    if (ttl <= 0) {
      if (conditional && response.getStatusCode() != null && response.getStatusCode() == 304) {
        return new Fetched(response, null); // the client's own revalidation says nothing of the key
      }
      if (passUntil.size() >= MAX_PASS_KEYS) {
        passUntil.clear();
      }
      passUntil.put(key, nanoClock.getAsLong() + PASS_NANOS);
      return new Fetched(response, null);
    }
    passUntil.remove(key);
    long now = nanoClock.getAsLong();
    Stored entry = new Stored(response, key, now, now + TimeUnit.SECONDS.toNanos(ttl));
    store(key, entry, now);
    return new Fetched(entry.answer(now, ifNoneMatch, MISS), entry);
  }

  private Stored fresh(String key, long now) {
    Stored entry = stored.get(key);
    return entry != null && entry.expiresAt - now > 0 ? entry : null;
  }

  private void store(String key, Stored entry, long now) {
    if (bytes.get() + entry.size > maxBytes) {
      stored.forEach(
          (k, e) -> {
            if (e.expiresAt - now <= 0 && stored.remove(k, e)) {
              bytes.addAndGet(-e.size);
            }
          });
      if (bytes.get() + entry.size > maxBytes) {
        return;
      }
    }
    bytes.addAndGet(entry.size);
    Stored previous = stored.put(key, entry);
    if (previous != null) {
      bytes.addAndGet(-previous.size);
    }
  }

  /** Seconds a shared cache may keep this answer; 0 when it must not be kept. */
  static long ttlSeconds(APIGatewayProxyResponseEvent response) {
    if (response.getStatusCode() == null || response.getStatusCode() != 200) {
      return 0;
    }
    if (header(response, "Set-Cookie") != null) {
      return 0;
    }
    String cacheControl = header(response, "Cache-Control");
    if (cacheControl == null) {
      return 0;
    }
    boolean shared = false;
    long maxAge = -1;
    long sMaxAge = -1;
    for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
      String d = directive.trim();
      if (d.equals("public")) {
        shared = true;
      } else if (d.equals("private") || d.equals("no-store") || d.startsWith("no-cache")) {
        return 0;
      } else if (d.startsWith("s-maxage=")) {
        sMaxAge = seconds(d.substring("s-maxage=".length()));
      } else if (d.startsWith("max-age=")) {
        maxAge = seconds(d.substring("max-age=".length()));
      }
    }
    long ttl = sMaxAge >= 0 ? sMaxAge : maxAge;
    return shared ? Math.min(Math.max(ttl, 0), MAX_TTL_SECONDS) : 0;
  }

  private static long seconds(String value) {
    String v =
        value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
            ? value.substring(1, value.length() - 1)
            : value;
    if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(v);
  }

  /** A response header by name, in either of the event's maps, whatever its case. */
  static String header(APIGatewayProxyResponseEvent response, String name) {
    if (response.getMultiValueHeaders() != null) {
      for (Map.Entry<String, List<String>> h : response.getMultiValueHeaders().entrySet()) {
        if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
          return String.join(", ", h.getValue());
        }
      }
    }
    if (response.getHeaders() != null) {
      for (Map.Entry<String, String> h : response.getHeaders().entrySet()) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
    }
    return null;
  }

  /** Whether an If-None-Match header names this entity tag (weak comparison, as caches do). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || etag == null) {
      return false;
    }
    String wanted = opaque(etag);
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || opaque(t).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private record Fetched(APIGatewayProxyResponseEvent response, Stored stored) {}

  /** One kept answer: a copy of the function's response, never handed out itself. */
  private static final class Stored {
    final int status;
    final Map<String, List<String>> headers;
    final String body;
    final Boolean base64;
    final String etag;
    final long storedAt;
    final long expiresAt;
    final long size;

    Stored(APIGatewayProxyResponseEvent response, String key, long storedAt, long expiresAt) {
      this.status = response.getStatusCode();
      this.headers = new HashMap<>();
      if (response.getMultiValueHeaders() != null) {
        response.getMultiValueHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
      }
      if (response.getHeaders() != null) {
        response.getHeaders().forEach((k, v) -> headers.putIfAbsent(k, List.of(v)));
      }
      this.body = response.getBody();
      this.base64 = response.getIsBase64Encoded();
      this.etag = header(response, "ETag");
      this.storedAt = storedAt;
      this.expiresAt = expiresAt;
      this.size =
          key.length()
              + (body == null ? 0 : (long) body.getBytes(StandardCharsets.UTF_8).length)
              + 64L * headers.size();
    }

    APIGatewayProxyResponseEvent answer(long now, String ifNoneMatch) {
      return answer(now, ifNoneMatch, HIT);
    }

    APIGatewayProxyResponseEvent answer(long now, String ifNoneMatch, String xCache) {
      boolean notModified = matches(ifNoneMatch, etag);
      Map<String, List<String>> out = new HashMap<>();
      headers.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
      out.put("Age", List.of(Long.toString(TimeUnit.NANOSECONDS.toSeconds(now - storedAt))));
      out.put("X-Cache", List.of(xCache));
      APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent();
      response.setStatusCode(notModified ? 304 : status);
      response.setMultiValueHeaders(out);
      if (!notModified) {
        response.setBody(body);
        response.setIsBase64Encoded(base64);
      }
      return response;
    }
  }
}
