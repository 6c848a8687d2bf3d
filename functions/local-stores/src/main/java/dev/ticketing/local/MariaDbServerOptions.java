package dev.ticketing.local;

import java.util.List;

/**
 * The server options of every MariaDB the project starts for itself: the embedded one of local runs
 * and tests, and the private {@code mariadbd} of the lock-strategy showdown, which asks for them
 * with {@code java -cp local-gateway-all.jar dev.ticketing.local.MariaDbServerOptions} (one per
 * line) rather than keeping a copy.
 */
public final class MariaDbServerOptions {
  public static final List<String> ALL =
      List.of(
          "--character-set-server=utf8mb4",
          "--innodb-lock-wait-timeout=5",
          "--max-connections=500");

  private MariaDbServerOptions() {}

  public static void main(String[] args) {
    ALL.forEach(System.out::println);
  }
}
