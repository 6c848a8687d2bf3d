package dev.ticketing.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Every Redis connection a function opened, so the CRaC hooks can close and reopen them all. */
@Singleton
public class RedisConnectionSet {
  private final List<ReopenableConnection> connections = new CopyOnWriteArrayList<>();

  /** Opens a connection now and returns the reference beans should hold. */
  public StatefulRedisConnection<String, String> open(
      Supplier<StatefulRedisConnection<String, String>> opener) {
    ReopenableConnection connection = new ReopenableConnection(opener);
    connections.add(connection);
    return connection.proxy();
  }

  public void suspendAll() {
    connections.forEach(ReopenableConnection::suspend);
  }

  public void reopenAll() {
    connections.forEach(ReopenableConnection::reopen);
  }

  public long openCount() {
    return connections.stream().filter(ReopenableConnection::isOpen).count();
  }
}
