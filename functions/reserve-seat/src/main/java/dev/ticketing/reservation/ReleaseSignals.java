package dev.ticketing.reservation;

import dev.ticketing.config.Secrets;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.RedisConnections;
import dev.ticketing.settings.Settings;
import dev.ticketing.snapstart.RedisConnectionsResource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.crac.OrderedResource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release announcements of seat locks, over one pub/sub connection per function. A channel is
 * subscribed while someone waits on it. The listener never blocks: it runs on Lettuce's event loop,
 * which must stay free to deliver the replies of the (blocking) subscribe calls.
 *
 * <p>SnapStart: the connection is closed before the snapshot and opened again after restore (at
 * once if someone still waits, else on the next wait), subscribing again to every channel in use.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReleaseSignals implements AutoCloseable, OrderedResource {
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseSignals.class);
  private final RedisClient client;
  private final Settings settings;
  private final Secrets secrets;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final ReentrantLock subscriptions = new ReentrantLock();
  private volatile StatefulRedisPubSubConnection<String, String> connection;

  public ReleaseSignals(RedisClient client, Settings settings, Secrets secrets) {
    this.client = client;
    this.settings = settings;
    this.secrets = secrets;
  }

  /** A waiter's membership of one channel; closing it unsubscribes after the last waiter. */
  public final class Subscription implements AutoCloseable {
    private final String name;
    private final Channel channel;

    private Subscription(String name, Channel channel) {
      this.name = name;
      this.channel = channel;
    }

    /**
     * Completes at the next release announced after this call. Take it before trying the lock: a
     * release between the failed try and the wait then still wakes the waiter.
     */
    public CompletableFuture<Void> nextRelease() {
      return channel.next.get();
    }

    @Override
    public void close() {
      leave(name, channel);
    }
  }

  private static final class Channel {
    private int waiters;
    private final AtomicReference<CompletableFuture<Void>> next =
        new AtomicReference<>(new CompletableFuture<>());

    void signal() {
      next.getAndSet(new CompletableFuture<>()).complete(null);
    }
  }

  /** Subscribes to {@code name} (if nobody here already is) and returns once Redis confirmed. */
  public Subscription join(String name) {
    subscriptions.lock();
    try {
      Channel channel = channels.computeIfAbsent(name, n -> new Channel());
      if (channel.waiters++ == 0) {
        connection().sync().subscribe(name);
      }
      return new Subscription(name, channel);
    } finally {
      subscriptions.unlock();
    }
  }

  private void leave(String name, Channel channel) {
    subscriptions.lock();
    try {
      if (--channel.waiters == 0) {
        channels.remove(name);
        connection().sync().unsubscribe(name);
      }
    } finally {
      subscriptions.unlock();
    }
  }

  /** Called with {@link #subscriptions} held. */
  private StatefulRedisPubSubConnection<String, String> connection() {
    StatefulRedisPubSubConnection<String, String> c = connection;
    if (c == null) {
      c = client.connectPubSub(RedisConnections.uri(settings, secrets, false));
      c.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              Channel waiting = channels.get(channel);
              if (waiting != null) {
                waiting.signal();
              }
            }
          });
      if (!channels.isEmpty()) {
        try {
          c.sync().subscribe(channels.keySet().toArray(String[]::new));
        } catch (RuntimeException e) {
          c.close();
          throw e;
        }
      }
      connection = c;
    }
    return c;
  }

  /** Whether the pub/sub connection is open now (it opens on the first wait). */
  public boolean connected() {
    StatefulRedisPubSubConnection<String, String> c = connection;
    return c != null && c.isOpen();
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    subscriptions.lock();
    try {
      close();
      connection = null;
    } finally {
      subscriptions.unlock();
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    subscriptions.lock();
    try {
      if (!channels.isEmpty()) {
        connection();
      }
    } catch (RuntimeException e) {
      // Not fatal: the next wait connects again; until then waiters wake when the lease ends.
      LOG.warn("Redis pub/sub not reachable after restore: {}", e.toString());
    } finally {
      subscriptions.unlock();
    }
  }

  /** With the other Redis connections: after the secrets are back (see dev.ticketing.snapstart). */
  @Override
  public int getOrder() {
    return RedisConnectionsResource.ORDER;
  }

  @Override
  @PreDestroy
  public void close() {
    StatefulRedisPubSubConnection<String, String> c = connection;
    if (c != null) {
      c.close();
    }
  }
}
