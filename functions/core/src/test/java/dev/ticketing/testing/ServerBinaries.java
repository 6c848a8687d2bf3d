package dev.ticketing.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server binaries a fault-injection test runs as processes of its own (Debian packages {@code
 * redis-server} and {@code mariadb-server-core}), so it can kill, freeze and restart them; never
 * the machine's servers. Without them such a test reports itself skipped, except where {@code
 * FAULT_TESTS_REQUIRE_SERVERS=1} (CI installs them): there a missing binary fails the build.
 */
public final class ServerBinaries {
  public static final String REQUIRE = "FAULT_TESTS_REQUIRE_SERVERS";

  private ServerBinaries() {}

  /** The first of {@code candidates} that is executable; skips or fails the test otherwise. */
  public static Path require(String name, String... candidates) {
    for (String candidate : candidates) {
      Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    String missing = name + " is not installed (looked for " + String.join(", ", candidates) + ")";
    if ("1".equals(System.getenv(REQUIRE))) {
      throw new IllegalStateException(missing + " and " + REQUIRE + "=1");
    }
    assumeTrue(false, missing + ": fault-injection test skipped");
    throw new AssertionError("unreachable");
  }
}
