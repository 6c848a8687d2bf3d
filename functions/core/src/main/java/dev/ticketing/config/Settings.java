package dev.ticketing.config;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every environment variable the service reads, in one place, with its default, validated once at
 * start. A bad value stops start-up with a message naming the variable. The README lists them.
 */
public record Settings(
    Optional<String> databaseUrl,
    String databaseUser,
    String databasePassword,
    Optional<String> databaseSecretArn,
    int databasePoolSize,
    Optional<String> redisUrl,
    Optional<String> redisReaderUrl,
    Optional<String> redisAuthSecretArn,
    int redisCommandTimeoutMillis,
    int redisConnectTimeoutMillis,
    Optional<byte[]> tokenSigningKey,
    Optional<String> tokenSigningKeySecretArn,
    String lockStrategy,
    int queueCapacity,
    int retentionSeconds,
    int claimWindowSeconds,
    int sessionTtlSeconds,
    int advanceIntervalSeconds,
    int maxSeatsPerHolder,
    int port,
    Optional<String> dataDir,
    Optional<String> frontendDir,
    int dbLockWaitTimeoutSeconds,
    int seatLockLeaseMillis,
    int seatLockWaitMillis) {

  /** The lock strategies of the seat issue; the first is the default (see docs/seats.md). */
  public static final List<String> LOCK_STRATEGIES =
      List.of("atomic", "pessimistic", "optimistic", "redis-spin", "redis-pubsub");

  /** Smallest accepted HMAC key: 256 bits, as HS256 requires. */
  public static final int MIN_SIGNING_KEY_BYTES = 32;

  public static Settings fromEnvironment() {
    return from(System.getenv());
  }

  public static Settings from(Map<String, String> env) {
    Reader r = new Reader(env);
    Settings settings =
        new Settings(
            r.optional("DATABASE_URL").map(Settings::checkJdbcUrl),
            r.string("DATABASE_USER", "root"),
            r.string("DATABASE_PASSWORD", ""),
            r.optional("DATABASE_SECRET_ARN"),
            r.integer("DATABASE_POOL_SIZE", 10, 1, 200),
            r.optional("REDIS_URL").map(v -> checkRedisUrl("REDIS_URL", v)),
            r.optional("REDIS_READER_URL").map(v -> checkRedisUrl("REDIS_READER_URL", v)),
            r.optional("REDIS_AUTH_SECRET_ARN"),
            r.integer("REDIS_COMMAND_TIMEOUT_MS", 250, 10, 60_000),
            r.integer("REDIS_CONNECT_TIMEOUT_MS", 100, 10, 60_000),
            r.optional("TOKEN_SIGNING_KEY").map(Settings::decodeKey),
            r.optional("TOKEN_SIGNING_KEY_SECRET_ARN"),
            r.oneOf("LOCK_STRATEGY", LOCK_STRATEGIES.get(0), LOCK_STRATEGIES),
            r.integer("QUEUE_CAPACITY", 100, 1, 100_000),
            r.integer("RETENTION_SECONDS", 120, 5, 86_400),
            r.integer("CLAIM_WINDOW_SECONDS", 60, 5, 3_600),
            r.integer("SESSION_TTL_SECONDS", 300, 10, 86_400),
            r.integer("ADVANCE_INTERVAL_SECONDS", 5, 1, 60),
            r.integer("MAX_SEATS_PER_HOLDER", 4, 1, 4),
            r.integer("PORT", 8080, 0, 65_535),
            r.optional("DATA_DIR"),
            r.optional("FRONTEND_DIR"),
            r.integer("DB_LOCK_WAIT_TIMEOUT_SECONDS", 3, 0, 50),
            r.integer("SEAT_LOCK_LEASE_MS", 15_000, 1_000, 300_000),
            r.integer("SEAT_LOCK_WAIT_MS", 3_000, 10, 60_000));
    if (settings.seatLockLeaseMillis() <= settings.dbLockWaitTimeoutSeconds() * 1_000) {
      throw new InvalidSettingException(
          "SEAT_LOCK_LEASE_MS", "must outlive DB_LOCK_WAIT_TIMEOUT_SECONDS, the longest lock wait");
    }
    return settings;
  }

  /**
   * These settings with every secret value removed (database password, signing key, the password in
   * a Redis URL): the copy a function's context holds, while {@link Secrets} keeps the values.
   */
  public Settings withoutSecrets() {
    return new Settings(
        databaseUrl,
        databaseUser,
        "",
        databaseSecretArn,
        databasePoolSize,
        redisUrl.map(Settings::withoutUserInfo),
        redisReaderUrl.map(Settings::withoutUserInfo),
        redisAuthSecretArn,
        redisCommandTimeoutMillis,
        redisConnectTimeoutMillis,
        Optional.empty(),
        tokenSigningKeySecretArn,
        lockStrategy,
        queueCapacity,
        retentionSeconds,
        claimWindowSeconds,
        sessionTtlSeconds,
        advanceIntervalSeconds,
        maxSeatsPerHolder,
        port,
        dataDir,
        frontendDir,
        dbLockWaitTimeoutSeconds,
        seatLockLeaseMillis,
        seatLockWaitMillis);
  }

  private static String withoutUserInfo(String redisUrl) {
    return redisUrl.replaceFirst("^(rediss?://)[^@/]*@", "$1");
  }

  /**
   * Properties that Micronaut's data source reads; derived from the settings above only. The
   * password is not among them: the pool gets it from {@link Secrets} (dev.ticketing.db).
   */
  public Map<String, Object> micronautProperties() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("datasources.default.url", jdbcUrlWithDefaults(databaseUrl.orElse("")));
    props.put("datasources.default.username", databaseUser);
    props.put("datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver");
    props.put("datasources.default.dialect", "MYSQL");
    props.put("datasources.default.maximum-pool-size", databasePoolSize);
    props.put("datasources.default.minimum-idle", 1);
    props.put("datasources.default.connection-timeout", 5_000);
    props.put("datasources.default.allow-pool-suspension", true);
    if (dbLockWaitTimeoutSeconds > 0) {
      props.put(
          "datasources.default.connection-init-sql",
          "SET SESSION innodb_lock_wait_timeout = " + dbLockWaitTimeoutSeconds);
    }
    return props;
  }

  /**
   * Adds the connection options the service relies on unless the operator set them: UTC instants,
   * server-side prepared statements off (RDS Proxy pins sessions on them), the driver's
   * per-connection cache of parsed client-side statements (no server state, so no pinning) and
   * batched rewrites.
   */
  public static String jdbcUrlWithDefaults(String url) {
    if (url.isEmpty()) {
      return url;
    }
    StringBuilder b = new StringBuilder(url);
    char sep = url.contains("?") ? '&' : '?';
    for (String option :
        List.of(
            "connectionTimeZone=UTC",
            "preserveInstants=true",
            "useServerPrepStmts=false",
            "cachePrepStmts=true",
            "prepStmtCacheSize=100",
            "rewriteBatchedStatements=true",
            "allowPublicKeyRetrieval=true")) {
      String name = option.substring(0, option.indexOf('='));
      if (!url.contains(name + "=")) {
        b.append(sep).append(option);
        sep = '&';
      }
    }
    return b.toString();
  }

  private static String checkJdbcUrl(String url) {
    if (!url.startsWith("jdbc:mysql://") && !url.startsWith("jdbc:mariadb://")) {
      throw new InvalidSettingException(
          "DATABASE_URL", "must start with jdbc:mysql:// (got '" + url + "')");
    }
    return url.replaceFirst("^jdbc:mariadb://", "jdbc:mysql://");
  }

  private static String checkRedisUrl(String variable, String url) {
    try {
      URI uri = URI.create(url);
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
        throw new InvalidSettingException(variable, "must be redis://host:port or rediss://...");
      }
      if (uri.getHost() == null) {
        throw new InvalidSettingException(variable, "has no host ('" + url + "')");
      }
      return url;
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(variable, "is not a URL ('" + url + "')");
    }
  }

  private static byte[] decodeKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("TOKEN_SIGNING_KEY", "must be base64");
    }
    if (key.length < MIN_SIGNING_KEY_BYTES) {
      throw new InvalidSettingException(
          "TOKEN_SIGNING_KEY", "must decode to at least " + MIN_SIGNING_KEY_BYTES + " bytes");
    }
    return key;
  }

  /** Reads one variable at a time and names it in every complaint. */
  private record Reader(Map<String, String> env) {
    Optional<String> optional(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String string(String name, String fallback) {
      String value = env.get(name);
      return value == null ? fallback : value;
    }

    int integer(String name, int fallback, int min, int max) {
      Optional<String> raw = optional(name);
      if (raw.isEmpty()) {
        return fallback;
      }
      int value;
      try {
        value = Integer.parseInt(raw.get());
      } catch (NumberFormatException e) {
        throw new InvalidSettingException(name, "must be a whole number (got '" + raw.get() + "')");
      }
      if (value < min || value > max) {
        throw new InvalidSettingException(
            name, "must be between " + min + " and " + max + " (got " + value + ")");
      }
      return value;
    }

    String oneOf(String name, String fallback, List<String> allowed) {
      String value = optional(name).map(v -> v.toLowerCase(Locale.ROOT)).orElse(fallback);
      if (!allowed.contains(value)) {
        throw new InvalidSettingException(
            name, "must be one of " + String.join(", ", allowed) + " (got '" + value + "')");
      }
      return value;
    }
  }
}
