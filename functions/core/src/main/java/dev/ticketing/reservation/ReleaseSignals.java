package dev.ticketing.reservation;

import dev.ticketing.config.Settings;
import dev.ticketing.function.FunctionEnvironments;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The release announcements of seat locks, over one pub/sub connection per function. A channel is
 * subscribed while someone waits on it. The listener never blocks: it runs on Lettuce's event loop,
 * which must stay free to deliver the replies of the (blocking) subscribe calls.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReleaseSignals implements AutoCloseable {
  private final RedisClient client;
  private final Settings settings;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final ReentrantLock subscriptions = new ReentrantLock();
  private volatile StatefulRedisPubSubConnection<String, String> connection;

  public ReleaseSignals(RedisClient client, Settings settings) {
    this.client = client;
    this.settings = settings;
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

  private StatefulRedisPubSubConnection<String, String> connection() {
    StatefulRedisPubSubConnection<String, String> c = connection;
    if (c == null) {
      RedisURI uri =
          RedisURI.create(
              settings
                  .redisUrl()
                  .orElseThrow(() -> new IllegalStateException("REDIS_URL is not set")));
      uri.setTimeout(Duration.ofMillis(settings.redisCommandTimeoutMillis()));
      c = client.connectPubSub(uri);
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
      connection = c;
    }
    return c;
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
