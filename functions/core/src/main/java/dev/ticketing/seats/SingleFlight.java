package dev.ticketing.seats;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one load per key at a time in this process: callers that arrive while it runs wait for its
 * result instead of repeating it (a burst of requests after a Redis flush rebuilds once, not once
 * per request).
 */
final class SingleFlight<K, V> {
  private final Map<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

  V run(K key, Supplier<V> load) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
    if (theirs != null) {
      try {
        return theirs.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
    try {
      V value = load.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(key, mine);
    }
  }
}
