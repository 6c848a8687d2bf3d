package dev.ticketing.config;

import dev.ticketing.settings.Settings;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one holder of secret values in a running function: the token signing key, the database
 * password and the Redis AUTH credentials. The context's {@link Settings} bean carries none of them
 * ({@link Settings#withoutSecrets()}); the token codec, the database pool and the Redis connections
 * ask here each time they sign or connect. {@link #forget()} drops them before a SnapStart snapshot
 * and {@link #reload()} reads them again, after restore, from where they came from (the environment
 * and, on AWS, Secrets Manager).
 */
public final class Secrets {
  private final Supplier<Settings> source;
  // Read without the lock on every token signed or verified; written only at start and around a
  // snapshot, when no request runs.
  private volatile byte[] signingKey;
  // The key's HMAC instances, made once per key (not per token) and blanked by forget().
  private volatile HmacPool hmac;
  private String databasePassword;
  private RedisCredentials redisPrimary;
  private RedisCredentials redisReader;

  /**
   * @param source reads the settings with their secrets; called again by {@link #reload()}
   * @param loaded what {@code source} returned at start, so start-up reads secrets only once
   */
  public Secrets(Supplier<Settings> source, Settings loaded) {
    this.source = source;
    load(loaded);
  }

  /** Secrets that are never reloaded, for codecs and contexts built in tests. */
  public static Secrets of(Settings settings) {
    return new Secrets(() -> settings, settings);
  }

  public synchronized void reload() {
    load(source.get());
  }

  /**
   * Reads the database password again from where it came from (on AWS, Secrets Manager), leaving
   * the other secrets as they are: for a password rotated while this instance runs.
   */
  public synchronized Optional<String> reloadDatabasePassword() {
    String password = source.get().stores().databasePassword();
    databasePassword = password.isEmpty() ? null : password;
    return Optional.ofNullable(databasePassword);
  }

  /** Zeroes the key and drops every reference to a secret value. */
  public synchronized void forget() {
    if (hmac != null) {
      hmac.close();
    }
    hmac = null;
    if (signingKey != null) {
      Arrays.fill(signingKey, (byte) 0);
    }
    signingKey = null;
    databasePassword = null;
    redisPrimary = null;
    redisReader = null;
  }

  public synchronized boolean loaded() {
    return signingKey != null || databasePassword != null || redisPrimary != null;
  }

  public boolean hasSigningKey() {
    return signingKey != null;
  }

  /** A fresh key object per use: nothing outside this holder keeps the key bytes. */
  public SecretKeySpec signingKey() {
    byte[] key = signingKey;
    if (key == null) {
      throw new IllegalStateException("token signing key not loaded");
    }
    return new SecretKeySpec(key, "HmacSHA256");
  }

  /**
   * HMAC-SHA256 of {@code input} with the signing key, on a {@link javax.crypto.Mac} keyed once per
   * key rather than per call (the tokens, the toll's challenges, the ticket codes).
   */
  public byte[] hmacSha256(byte[] input) {
    HmacPool pool = hmac;
    if (pool == null) {
      throw new IllegalStateException("token signing key not loaded");
    }
    return pool.mac(input);
  }

  /** Empty while forgotten (or when the deployment has no password). */
  public synchronized Optional<String> databasePassword() {
    return Optional.ofNullable(databasePassword);
  }

  /** The AUTH credentials of the primary or the reader; empty without AUTH or while forgotten. */
  public synchronized Optional<RedisCredentials> redisCredentials(boolean reader) {
    return Optional.ofNullable(reader ? redisReader : redisPrimary);
  }

  private synchronized void load(Settings settings) {
    forget();
    signingKey = settings.stores().tokenSigningKey().map(byte[]::clone).orElse(null);
    hmac = signingKey == null ? null : new HmacPool(signingKey);
    databasePassword =
        settings.stores().databasePassword().isEmpty()
            ? null
            : settings.stores().databasePassword();
    redisPrimary = settings.stores().redisUrl().map(Secrets::redisAuth).orElse(null);
    redisReader =
        settings
            .stores()
            .redisReaderUrl()
            .or(settings.stores()::redisUrl)
            .map(Secrets::redisAuth)
            .orElse(null);
  }

  private static RedisCredentials redisAuth(String url) {
    RedisURI uri = RedisURI.create(url);
    char[] password = uri.getPassword();
    if (password == null || password.length == 0) {
      return null;
    }
    return RedisCredentials.just(uri.getUsername(), password);
  }
}
