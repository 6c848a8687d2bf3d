package dev.ticketing.auth;

import dev.ticketing.redis.PerformanceKeys;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Sessions live in the sorted set {@code {p<performanceId>}:sessions} (member = session id, score =
 * expiry in epoch millis), written by the waiting room when it admits a ticket. Always read from
 * the primary: a revoked session must stop working at once.
 */
@Singleton
public class RedisSessionRegistry implements SessionRegistry {
  private final StatefulRedisConnection<String, String> redis;
  private final Clock clock;

  public RedisSessionRegistry(
      @Named("primary") StatefulRedisConnection<String, String> redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  @Override
  public boolean isActive(long performanceId, String sessionId) {
    Double expiresAt = redis.sync().zscore(PerformanceKeys.of(performanceId).sessions(), sessionId);
    return expiresAt != null && expiresAt > clock.millis();
  }

  @Override
  public void end(long performanceId, String sessionId) {
    redis.sync().zrem(PerformanceKeys.of(performanceId).sessions(), sessionId);
  }
}
