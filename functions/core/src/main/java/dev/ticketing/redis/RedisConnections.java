package dev.ticketing.redis;

import dev.ticketing.config.Settings;
import dev.ticketing.snapstart.RedisConnectionSet;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The Redis connections of a function: one to the primary, one to a reader (the primary again when
 * no reader is configured). Short timeouts and rejected commands while disconnected, so a Redis
 * outage fails a request fast instead of queueing it (ElastiCache's client guidance). The
 * connections are reopenable: SnapStart's CRaC hooks close them before the snapshot and reopen them
 * after restore behind the same injected references ({@code dev.ticketing.snapstart}).
 */
@Factory
public class RedisConnections {

  @Singleton
  @Bean(preDestroy = "shutdown")
  public RedisClient redisClient(Settings settings) {
    RedisClient client = RedisClient.create();
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(
                SocketOptions.builder()
                    .connectTimeout(Duration.ofMillis(settings.redisConnectTimeoutMillis()))
                    .keepAlive(true)
                    .build())
            .timeoutOptions(
                TimeoutOptions.enabled(Duration.ofMillis(settings.redisCommandTimeoutMillis())))
            .build());
    return client;
  }

  @Singleton
  @Named("primary")
  @Bean(preDestroy = "close")
  public StatefulRedisConnection<String, String> primary(
      RedisClient client, Settings settings, RedisConnectionSet connections) {
    RedisURI uri = uri(settings, settings.redisUrl().orElse(null));
    return connections.open(() -> client.connect(uri));
  }

  @Singleton
  @Named("reader")
  @Bean(preDestroy = "close")
  public StatefulRedisConnection<String, String> reader(
      RedisClient client, Settings settings, RedisConnectionSet connections) {
    RedisURI uri = uri(settings, settings.redisReaderUrl().or(settings::redisUrl).orElse(null));
    return connections.open(() -> client.connect(uri));
  }

  private static RedisURI uri(Settings settings, String url) {
    if (url == null) {
      throw new IllegalStateException("REDIS_URL is not set");
    }
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(Duration.ofMillis(settings.redisCommandTimeoutMillis()));
    return uri;
  }
}
