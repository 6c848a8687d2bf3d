package dev.ticketing.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A server process a test started itself, on a loopback port of its own: killed ({@code SIGKILL}),
 * frozen ({@code SIGSTOP}) and thawed by its PID only, restarted on the same port with the same
 * command. Its working directory is removed at close. Subclasses say how to start it and when it is
 * ready.
 */
public abstract class ServerProcess implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private final int port;
  private final Path directory;
  private Process process;

  protected ServerProcess(String name) {
    this.port = freePort();
    try {
      this.directory = Files.createTempDirectory("fault-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return directory;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** The command that starts the server on {@link #port()}. */
  protected abstract List<String> command();

  /** True once the server answers. */
  protected abstract boolean ready();

  /** Starts the process and waits until it answers. */
  protected final void launch() {
    File log = directory.resolve("server.log").toFile();
    try {
      process =
          new ProcessBuilder(command())
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitTrue(this::ready, READY_WITHIN, () -> "did not start; " + tail(log));
  }

  /** {@code kill -9}: no shutdown of any kind. Waits until the process is gone. */
  public void kill() {
    signal("KILL");
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("pid " + pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code SIGSTOP}: the process keeps its sockets but answers nothing until {@link #thaw()}. */
  public void freeze() {
    signal("STOP");
  }

  public void thaw() {
    signal("CONT");
  }

  /** Starts it again on the same port (after {@link #kill()}). */
  public void restart() {
    if (alive()) {
      throw new IllegalStateException("still running: pid " + pid());
    }
    launch();
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (alive()) {
        thaw();
        kill();
      }
    } finally {
      deleteTree(directory);
    }
  }

  /** Removes a directory and everything in it, as far as it can. */
  public static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // Best effort: the OS cleans its temporary directory eventually.
    }
  }

  /** Whether something accepts connections on the port. */
  protected final boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Polls {@code condition} every 50 ms until true or the deadline, then fails with a message. */
  public static void awaitTrue(
      Supplier<Boolean> condition, Duration within, Supplier<String> failure) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(failure.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static String tail(File log) {
    try {
      List<String> lines = Files.readAllLines(log.toPath());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
