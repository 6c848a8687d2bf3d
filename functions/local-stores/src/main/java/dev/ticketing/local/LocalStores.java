package dev.ticketing.local;

import dev.ticketing.settings.Settings;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MySQL and Redis of a run on one machine: the servers named by {@code DATABASE_URL} and {@code
 * REDIS_URL} when set, else embedded ones started here (and stopped by {@link #close()}).
 */
public final class LocalStores implements AutoCloseable {
  private final Optional<EmbeddedMariaDb> mariaDb;
  private final Optional<EmbeddedRedis> redis;
  private final Map<String, String> environment;

  private LocalStores(
      Optional<EmbeddedMariaDb> mariaDb, Optional<EmbeddedRedis> redis, Map<String, String> env) {
    this.mariaDb = mariaDb;
    this.redis = redis;
    this.environment = env;
  }

  /** Starts what {@code env} does not name, with scratch data that {@link #close()} removes. */
  public static LocalStores start(Map<String, String> env) {
    return start(env, Optional.empty());
  }

  /**
   * Starts what {@code env} does not name and returns the environment with every store set. With
   * {@code dataDir} the embedded servers keep their data there across restarts.
   */
  public static LocalStores start(Map<String, String> env, Optional<File> dataDir) {
    Settings settings = Settings.from(env);
    Map<String, String> resolved = new HashMap<>(env);
    Optional<EmbeddedMariaDb> mariaDb = Optional.empty();
    Optional<EmbeddedRedis> redis = Optional.empty();
    try {
      if (settings.stores().databaseUrl().isEmpty()) {
        mariaDb = Optional.of(EmbeddedMariaDb.start(dataDir));
        resolved.put("DATABASE_URL", mariaDb.get().jdbcUrl());
        resolved.put("DATABASE_USER", "root");
        resolved.put("DATABASE_PASSWORD", "");
      }
      if (settings.stores().redisUrl().isEmpty()) {
        redis = Optional.of(EmbeddedRedis.start(dataDir));
        resolved.put("REDIS_URL", redis.get().url());
      }
    } catch (RuntimeException e) {
      mariaDb.ifPresent(EmbeddedMariaDb::close);
      redis.ifPresent(EmbeddedRedis::close);
      throw e;
    }
    return new LocalStores(mariaDb, redis, Map.copyOf(resolved));
  }

  public Map<String, String> environment() {
    return environment;
  }

  public boolean embeddedDatabase() {
    return mariaDb.isPresent();
  }

  public boolean embeddedRedis() {
    return redis.isPresent();
  }

  @Override
  public void close() {
    try {
      redis.ifPresent(EmbeddedRedis::close);
    } finally {
      mariaDb.ifPresent(EmbeddedMariaDb::close);
    }
  }
}
