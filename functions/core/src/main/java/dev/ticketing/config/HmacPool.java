package dev.ticketing.config;

import java.security.GeneralSecurityException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one key, on {@link Mac} instances made and keyed once and reused: {@code
 * Mac.getInstance} and {@code init} per token cost a provider lookup, a key copy and two digests of
 * the padded key (docs/performance.md). A pool rather than a thread-local, so that {@link #close()}
 * can reach every idle instance and overwrite its key state before a snapshot (a thread-local's
 * instances would stay in the threads, holding the key's pads).
 */
final class HmacPool {
  private static final String ALGORITHM = "HmacSHA256";
  private static final SecretKeySpec BLANK = new SecretKeySpec(new byte[32], ALGORITHM);

  private final byte[] key;
  private final Queue<Mac> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  /** Keeps {@code key} (not copied): {@link Secrets} owns it and zeroes it after {@link #close}. */
  HmacPool(byte[] key) {
    this.key = key;
  }

  byte[] mac(byte[] input) {
    if (closed) {
      throw new IllegalStateException("token signing key not loaded");
    }
    Mac mac = idle.poll();
    if (mac == null) {
      mac = keyed();
    }
    byte[] result = mac.doFinal(input);
    idle.offer(mac);
    if (closed) {
      // close() may have drained the pool before this instance came back: blank it too.
      blankIdle();
    }
    return result;
  }

  /** No more use: every idle instance's key state overwritten, none kept. */
  void close() {
    closed = true;
    blankIdle();
  }

  private Mac keyed() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void blankIdle() {
    for (Mac mac = idle.poll(); mac != null; mac = idle.poll()) {
      try {
        mac.init(BLANK);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
