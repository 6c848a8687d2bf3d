package dev.ticketing.reservation;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A failure inside the critical section, the same for every strategy: while open, writing the seat
 * rows of one reservation fails in MySQL, after its strategy has claimed and updated the seats. A
 * trigger does it, so it also fails inside the {@code atomic} strategy's stored procedure. The test
 * user needs the TRIGGER privilege (on a MySQL with binary logging, also SUPER or
 * log_bin_trust_function_creators); the embedded MariaDB and a local root have it.
 */
final class InjectedFailure implements AutoCloseable {
  static final String MESSAGE = "injected after locking";
  private static final String TRIGGER = "test_injected_failure";

  private final DataSource database;

  private InjectedFailure(DataSource database) {
    this.database = database;
  }

  /** Fails the insert of {@code reservationId}'s seat rows (a UUID) until closed. */
  static InjectedFailure onSeatRowsOf(ApplicationContext ctx, String reservationId) {
    InjectedFailure failure =
        new InjectedFailure(DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class)));
    failure.execute("DROP TRIGGER IF EXISTS " + TRIGGER);
    failure.execute(
        "CREATE TRIGGER "
            + TRIGGER
            + " BEFORE INSERT ON reservation_seats FOR EACH ROW BEGIN"
            + " IF NEW.reservation_id = '"
            + reservationId
            + "' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '"
            + MESSAGE
            + "'; END IF; END");
    return failure;
  }

  static boolean causedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(MESSAGE)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    execute("DROP TRIGGER IF EXISTS " + TRIGGER);
  }

  private void execute(String sql) {
    try (Connection c = database.getConnection();
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
