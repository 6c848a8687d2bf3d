package dev.ticketing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ticketing.config.Secrets;
import dev.ticketing.settings.Settings;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A connection the factory hands out takes its first command at once, also on a machine whose CPUs
 * are busy (a fresh CI machine still installing packages): the flaky "Currently not connected.
 * Commands are rejected." of a test's first command (issue 16, defect 8).
 */
class RedisConnectionsTest {
  private static final int CONNECTIONS = 300;

  @Test
  void aNewConnectionTakesItsFirstCommandAtOnceWhileTheCpusAreBusy() {
    Settings settings = TestStores.settings();
    Secrets secrets = Secrets.of(settings);
    RedisConnections factory = new RedisConnections();
    ClientResources resources = factory.redisClientResources();
    RedisClient client = factory.redisClient(resources, settings);
    List<String> refused = new ArrayList<>();
    try (CpuPressure pressure = new CpuPressure(2 * Runtime.getRuntime().availableProcessors())) {
      for (int i = 0; i < CONNECTIONS; i++) {
        StatefulRedisConnection<String, String> redis =
            factory.primary(client, settings, secrets, new RedisConnectionSet());
        try {
          redis.sync().ping();
        } catch (RuntimeException e) {
          refused.add(e.toString());
        } finally {
          redis.close();
        }
      }
    } finally {
      client.shutdown();
      resources.shutdown();
    }
    assertEquals(List.of(), refused, refused.size() + " of " + CONNECTIONS + " first commands");
  }

  /** Threads that keep every CPU busy until closed. */
  private static final class CpuPressure implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    CpuPressure(int threadCount) {
      for (int i = 0; i < threadCount; i++) {
        Thread t =
            new Thread(
                () -> {
                  long x = 0;
                  while (!stop.get()) {
                    x += System.nanoTime() % 7;
                  }
                },
                "cpu-pressure-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }

    @Override
    public void close() {
      stop.set(true);
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
