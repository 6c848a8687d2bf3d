package dev.ticketing.snapstart;

import dev.ticketing.redis.RedisConnectionSet;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes our Lettuce connections before the snapshot (a restored socket would be dead, and one
 * snapshot is restored by many instances) and reopens them after restore.
 *
 * <p>micronaut-crac's own Redis resources ({@code crac.redis.*}) manage the beans of
 * micronaut-redis-lettuce, which we do not use: their bean definitions require its configuration
 * classes, absent from the classpath, so they never load and cannot touch our connections. Hence
 * this resource for the raw Lettuce connections of {@code dev.ticketing.redis.RedisConnections}.
 */
@Singleton
public class RedisConnectionsResource implements OrderedResource {
  /** After the priming (which needs Redis) before the checkpoint; order is reversed there. */
  public static final int ORDER = PrimingResource.ORDER - 1;

  private static final Logger LOG = LoggerFactory.getLogger(RedisConnectionsResource.class);
  private final RedisConnectionSet connections;

  public RedisConnectionsResource(RedisConnectionSet connections) {
    this.connections = connections;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    connections.suspendAll();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    try {
      connections.reopenAll();
    } catch (RuntimeException e) {
      // Not fatal: each connection opens again on its first command.
      LOG.warn("Redis not reachable after restore; connecting on first use: {}", e.toString());
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
