package dev.ticketing.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code redis-server} of the test's own on a free loopback port, without persistence (a restart
 * after {@link #kill()} starts empty, as a failover without replication would).
 */
public final class RedisServerProcess extends ServerProcess {
  private final Path binary;

  private RedisServerProcess(Path binary) {
    super("redis");
    this.binary = binary;
  }

  public static RedisServerProcess start() {
    RedisServerProcess server =
        new RedisServerProcess(
            ServerBinaries.require(
                "redis-server", "/usr/bin/redis-server", "/usr/local/bin/redis-server"));
    try {
      server.launch();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port();
  }

  @Override
  protected List<String> command() {
    return List.of(
        binary.toString(),
        "--port",
        Integer.toString(port()),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        directory().toString(),
        "--maxclients",
        "4000");
  }

  @Override
  protected boolean ready() {
    return listening();
  }
}
