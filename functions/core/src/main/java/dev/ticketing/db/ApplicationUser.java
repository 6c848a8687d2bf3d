package dev.ticketing.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The account the functions connect as: it may read and write the rows of the schema's tables and
 * call its procedures, nothing else (no DDL, no grants, no other schema, not even Flyway's history
 * table). Run by the migration after Flyway, as the master user, on every deploy: the user is
 * created with its secret's password if it does not exist yet (an existing user keeps the password
 * its rotation gave it), and the grants follow whatever tables and procedures the migrations have
 * created so far. Kept out of the SQL migrations because the password must never be in a file, and
 * because grants must be re-applied when a later migration adds a table.
 *
 * <p>Plain statements both MySQL 8.4 and MariaDB 10.11+ accept: {@code CREATE USER IF NOT EXISTS},
 * table-level {@code GRANT}, {@code GRANT EXECUTE ON PROCEDURE}.
 */
public final class ApplicationUser {
  /** Flyway's bookkeeping: only the migration (as master) may touch it. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  static final String TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private ApplicationUser() {}

  /** What {@link #ensure} did: whether it created the user, and what it granted. */
  public record Result(boolean created, List<String> tables, List<String> procedures) {}

  public static Result ensure(DataSource master, String user, String password) throws SQLException {
    requireName(user);
    try (Connection c = master.getConnection()) {
      String schema = c.getCatalog();
      requireName(schema);
      String account = "'" + user + "'@'%'";
      boolean created;
      // Does nothing but warn when the user exists: its password stays what rotation made it.
      try (PreparedStatement create =
          c.prepareStatement("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY ?")) {
        create.setString(1, password);
        create.execute();
        created = create.getWarnings() == null;
      }
      List<String> tables = names(c, TABLES, schema);
      List<String> procedures = names(c, PROCEDURES, schema);
      try (Statement s = c.createStatement()) {
        for (String table : tables) {
          if (!table.equalsIgnoreCase(HISTORY_TABLE)) {
            s.execute(
                "GRANT " + TABLE_PRIVILEGES + " ON `" + schema + "`.`" + table + "` TO " + account);
          }
        }
        for (String procedure : procedures) {
          s.execute(
              "GRANT EXECUTE ON PROCEDURE `" + schema + "`.`" + procedure + "` TO " + account);
        }
      }
      return new Result(
          created,
          tables.stream().filter(t -> !t.equalsIgnoreCase(HISTORY_TABLE)).toList(),
          procedures);
    }
  }

  private static final String TABLES =
      "SELECT table_name FROM information_schema.tables"
          + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name";
  private static final String PROCEDURES =
      "SELECT routine_name FROM information_schema.routines"
          + " WHERE routine_schema = ? AND routine_type = 'PROCEDURE' ORDER BY routine_name";

  private static List<String> names(Connection c, String sql, String schema) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, schema);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          names.add(requireName(r.getString(1)));
        }
      }
    }
    return names;
  }

  // Names are spliced into statements (identifiers cannot be bound): letters, digits, _ only.
  private static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain identifier: " + name);
    }
    return name;
  }
}
