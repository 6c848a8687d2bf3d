package dev.ticketing.settings;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where the stores and the signing key are, read by every function. On AWS the secrets are named by
 * ARN; the function resolves them into the plain variables before these are read.
 */
public record StoreSettings(
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
    Optional<String> appDatabaseUser,
    String appDatabasePassword,
    Optional<String> appDatabaseSecretArn) {

  /** Smallest accepted HMAC key: 256 bits, as HS256 requires. */
  public static final int MIN_SIGNING_KEY_BYTES = 32;

  static StoreSettings read(EnvReader r) {
    return new StoreSettings(
        r.optional("DATABASE_URL").map(StoreSettings::checkJdbcUrl),
        r.string("DATABASE_USER", "root"),
        r.string("DATABASE_PASSWORD", ""),
        r.optional("DATABASE_SECRET_ARN"),
        r.integer("DATABASE_POOL_SIZE", 10, 1, 200),
        r.optional("REDIS_URL").map(v -> checkRedisUrl("REDIS_URL", v)),
        r.optional("REDIS_READER_URL").map(v -> checkRedisUrl("REDIS_READER_URL", v)),
        r.optional("REDIS_AUTH_SECRET_ARN"),
        r.integer("REDIS_COMMAND_TIMEOUT_MS", 250, 10, 60_000),
        r.integer("REDIS_CONNECT_TIMEOUT_MS", 100, 10, 60_000),
        r.optional("TOKEN_SIGNING_KEY").map(StoreSettings::decodeKey),
        r.optional("TOKEN_SIGNING_KEY_SECRET_ARN"),
        r.optional("APP_DATABASE_USER").map(StoreSettings::checkUserName),
        r.string("APP_DATABASE_PASSWORD", ""),
        r.optional("APP_DATABASE_SECRET_ARN"));
  }

  /** These settings with every secret value removed (password, key, a password in a Redis URL). */
  StoreSettings withoutSecrets() {
    return new StoreSettings(
        databaseUrl,
        databaseUser,
        "",
        databaseSecretArn,
        databasePoolSize,
        redisUrl.map(StoreSettings::withoutUserInfo),
        redisReaderUrl.map(StoreSettings::withoutUserInfo),
        redisAuthSecretArn,
        redisCommandTimeoutMillis,
        redisConnectTimeoutMillis,
        Optional.empty(),
        tokenSigningKeySecretArn,
        appDatabaseUser,
        "",
        appDatabaseSecretArn);
  }

  /** Whether any secret is named by ARN (then Secrets Manager must be asked). */
  public boolean namesSecrets() {
    return databaseSecretArn.isPresent()
        || redisAuthSecretArn.isPresent()
        || tokenSigningKeySecretArn.isPresent()
        || appDatabaseSecretArn.isPresent();
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

  /**
   * The application user the migration creates (APP_DATABASE_USER): a plain MySQL account name,
   * since it is written into {@code CREATE USER} and {@code GRANT} statements.
   */
  private static String checkUserName(String name) {
    if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,31}")) {
      throw new InvalidSettingException(
          "APP_DATABASE_USER", "must be a letter then up to 31 letters, digits or _");
    }
    return name;
  }

  private static String withoutUserInfo(String redisUrl) {
    return redisUrl.replaceFirst("^(rediss?://)[^@/]*@", "$1");
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
}
