package dev.ticketing.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Optional;
import redis.embedded.RedisServer;

/**
 * A Redis server of its own (the binary shipped in embedded-redis) on a free loopback port. With a
 * {@code dataDir} it keeps an append-only file there, so the queue survives a restart.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static EmbeddedRedis start(Optional<File> dataDir) {
    int port = freePort();
    try {
      var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1");
      if (dataDir.isPresent()) {
        File dir = new File(dataDir.get(), "redis");
        if (!dir.isDirectory() && !dir.mkdirs()) {
          throw new IOException("cannot create " + dir);
        }
        builder.setting("dir " + dir.getAbsolutePath()).setting("appendonly yes");
      } else {
        builder.setting("save \"\"").setting("appendonly no");
      }
      RedisServer server = builder.setting("maxclients 4000").build();
      server.start();
      return new EmbeddedRedis(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Redis did not start", e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Redis did not stop cleanly", e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
