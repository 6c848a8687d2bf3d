package dev.ticketing.redis;

import dev.ticketing.config.Secrets;
import dev.ticketing.settings.Settings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Redis connections of a function: one to the primary, one to a reader (the primary again when
 * no reader is configured). Short timeouts and rejected commands while disconnected, so a Redis
 * outage fails a request fast instead of queueing it (ElastiCache's client guidance). The
 * connections are reopenable: SnapStart's CRaC hooks close them before the snapshot and reopen them
 * after restore behind the same injected references ({@code dev.ticketing.snapstart}). After an
 * outage a connection tries again within {@link #RECONNECT_DELAY}'s cap of a second (Lettuce's
 * default backs off to 30 s, so a function would stay cut off long after Redis is back).
 */
@Factory
public class RedisConnections {
  private static final RedisCredentials NO_CREDENTIALS = RedisCredentials.just(null, (char[]) null);

  /**
   * Between reconnect attempts: doubling from 10 ms to at most 1 s, jittered so that a fleet of
   * functions does not reconnect in step.
   */
  static final Delay RECONNECT_DELAY =
      Delay.equalJitter(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);

  @Singleton
  @Bean(preDestroy = "shutdown")
  public ClientResources redisClientResources() {
    return ClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
  }

  @Singleton
  @Bean(preDestroy = "shutdown")
  public RedisClient redisClient(ClientResources resources, Settings settings) {
    RedisClient client = RedisClient.create(resources);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(
                SocketOptions.builder()
                    .connectTimeout(
                        Duration.ofMillis(settings.stores().redisConnectTimeoutMillis()))
                    .keepAlive(true)
                    .build())
            .timeoutOptions(
                TimeoutOptions.enabled(
                    Duration.ofMillis(settings.stores().redisCommandTimeoutMillis())))
            .build());
    return client;
  }

  @Singleton
  @Named("primary")
  @Bean(preDestroy = "close")
  public StatefulRedisConnection<String, String> primary(
      RedisClient client, Settings settings, Secrets secrets, RedisConnectionSet connections) {
    RedisURI uri = uri(settings, secrets, false);
    return connections.open(() -> client.connect(uri));
  }

  @Singleton
  @Named("reader")
  @Bean(preDestroy = "close")
  public StatefulRedisConnection<String, String> reader(
      RedisClient client, Settings settings, Secrets secrets, RedisConnectionSet connections) {
    RedisURI uri = uri(settings, secrets, true);
    return connections.open(() -> client.connect(uri));
  }

  /**
   * The address of the primary or the reader. It holds no password: the AUTH credentials are asked
   * of {@link Secrets} on each connect, so they are never kept by Lettuce.
   *
   * <p>The credentials are handed over at once ({@code ImmediateRedisCredentialsProvider}), never
   * as a reactive {@code Mono}: with a deferred provider, Lettuce runs the connection handshake on
   * another thread, and when that thread finishes it, the channel's activation is queued back onto
   * the I/O thread while {@code connect()} already returns. On a busy machine the first command
   * then comes before the activation and is refused with "Currently not connected. Commands are
   * rejected." (issue 16, defect 8: 3 first commands in 300 with the CPUs busy,
   * RedisConnectionsTest). With the credentials at hand the handshake stays on the I/O thread,
   * which activates the channel before {@code connect()} returns.
   */
  public static RedisURI uri(Settings settings, Secrets secrets, boolean reader) {
    String url =
        (reader
                ? settings.stores().redisReaderUrl().or(settings.stores()::redisUrl)
                : settings.stores().redisUrl())
            .orElseThrow(() -> new IllegalStateException("REDIS_URL is not set"));
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(Duration.ofMillis(settings.stores().redisCommandTimeoutMillis()));
    uri.setCredentialsProvider(
        (RedisCredentialsProvider.ImmediateRedisCredentialsProvider)
            () -> secrets.redisCredentials(reader).orElse(NO_CREDENTIALS));
    return uri;
  }
}
