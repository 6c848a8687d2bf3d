package dev.ticketing.bench.reservation;

import dev.ticketing.settings.Settings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (the service and the buyer threads) and by the MariaDB and Redis
 * servers the benchmark talks to: the processes listening on their ports (Linux {@code /proc}). On
 * a shared server that includes what others make it do meanwhile.
 */
final class CpuMeter {
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final com.sun.management.OperatingSystemMXBean jvm =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Set<Long> database;
  private final Set<Long> redis;

  CpuMeter(Settings settings) {
    String db = settings.stores().databaseUrl().orElse("jdbc:mysql://localhost:3306/");
    database = listening(URI.create(db.substring("jdbc:".length())).getPort());
    redis =
        listening(
            URI.create(settings.stores().redisUrl().orElse("redis://localhost:6379")).getPort());
  }

  /** Nanoseconds of CPU so far: this JVM, MariaDB, Redis. */
  long[] now() {
    return new long[] {jvm.getProcessCpuTime(), ticks(database), ticks(redis)};
  }

  private static long ticks(Set<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
    return total * NANOS_PER_TICK;
  }

  /** The processes with a socket listening on {@code port}; none if /proc cannot tell. */
  private static Set<Long> listening(int port) {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9
              && "0A".equals(f[3])
              && f[1].endsWith(":" + String.format("%04X", port))) {
            inodes.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException e) {
        // no such table
      }
    }
    Map<Long, Boolean> found = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                try (Stream<Path> fds = Files.list(p.resolve("fd"))) {
                  if (fds.anyMatch(fd -> isOneOf(fd, inodes))) {
                    found.put(Long.parseLong(p.getFileName().toString()), true);
                  }
                } catch (IOException | RuntimeException e) {
                  // gone, or not ours to read
                }
              });
    } catch (IOException e) {
      return Set.of();
    }
    return found.keySet();
  }

  private static boolean isOneOf(Path fd, Set<String> inodes) {
    try {
      return inodes.contains(Files.readSymbolicLink(fd).toString());
    } catch (IOException e) {
      return false;
    }
  }
}
