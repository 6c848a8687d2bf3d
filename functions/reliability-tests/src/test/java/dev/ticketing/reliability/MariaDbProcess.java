package dev.ticketing.reliability;

import dev.ticketing.local.MariaDbServerOptions;
import dev.ticketing.testing.ServerBinaries;
import dev.ticketing.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code mariadbd} of the suite's own (Debian package {@code mariadb-server-core}), its data
 * directory made by {@code mariadb-install-db} in a scratch directory, on a free loopback port; a
 * restart after {@code kill -9} runs InnoDB's crash recovery on the same data. Never the machine's
 * server.
 */
final class MariaDbProcess extends ServerProcess {
  static final String DATABASE = "ticketing";

  private final Path server;

  private MariaDbProcess(Path server) {
    super("mariadb");
    this.server = server;
  }

  static MariaDbProcess start() {
    Path server = ServerBinaries.require("mariadbd", "/usr/sbin/mariadbd", "/usr/bin/mariadbd");
    Path install =
        ServerBinaries.require(
            "mariadb-install-db", "/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db");
    MariaDbProcess db = new MariaDbProcess(server);
    try {
      db.install(install);
      db.launch();
      try (Connection c = db.connect("");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4");
      }
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e instanceof SQLException ? new IllegalStateException(e) : (RuntimeException) e;
    }
  }

  String jdbcUrl() {
    return "jdbc:mysql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  Connection connect() throws SQLException {
    return connect(DATABASE);
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mysql://127.0.0.1:" + port() + "/" + database + "?connectTimeout=1000", "root", "");
  }

  private void install(Path installer) {
    List<String> command = new ArrayList<>();
    command.add(installer.toString());
    command.add("--no-defaults");
    command.add("--datadir=" + directory().resolve("data"));
    command.add("--auth-root-authentication-method=normal");
    command.add("--skip-test-db");
    command.add("--skip-name-resolve");
    if (runningAsRoot()) {
      command.add("--user=root");
    }
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(directory().resolve("install.log").toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "mariadb-install-db failed:\n"
                + String.join("\n", Files.readAllLines(directory().resolve("install.log"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(server.toString());
    command.add("--no-defaults");
    command.add("--datadir=" + directory().resolve("data"));
    command.add("--port=" + port());
    command.add("--bind-address=127.0.0.1");
    command.add("--socket=" + directory().resolve("mysqld.sock"));
    command.add("--pid-file=" + directory().resolve("mysqld.pid"));
    command.add("--skip-name-resolve");
    command.add("--skip-log-bin");
    command.add("--innodb-buffer-pool-size=64M");
    command.add("--log-error=" + directory().resolve("error.log"));
    if (runningAsRoot()) {
      command.add("--user=root");
    }
    command.addAll(MariaDbServerOptions.ALL);
    return command;
  }

  @Override
  protected boolean ready() {
    if (!listening()) {
      return false;
    }
    try (Connection c = connect("")) {
      return c.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
