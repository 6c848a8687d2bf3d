package dev.ticketing.bench.reservation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The ceiling: the strategies' conditional update issued directly over JDBC, one transaction per
 * request, with the same lookup of the seats taken when it loses. Nothing else: no reservation
 * rows, no holder count, no Redis. SQL lives here, outside the repositories, on purpose: it is the
 * measuring stick, not the service.
 */
final class RawJdbcCeiling implements Attempt {
  /** What a won transaction writes before its commit, on its connection. */
  @FunctionalInterface
  interface OnWin {
    void write(Connection c, long performanceId, List<Long> seats) throws SQLException;
  }

  private final DataSource dataSource;
  private final OnWin onWin;

  /** The ceiling itself: a won transaction writes nothing more. */
  RawJdbcCeiling(DataSource dataSource) {
    this(dataSource, (c, performanceId, seats) -> {});
  }

  RawJdbcCeiling(DataSource dataSource, OnWin onWin) {
    this.dataSource = dataSource;
    this.onWin = onWin;
  }

  @Override
  public Result reserve(long performanceId, List<Long> seats) {
    String marks = String.join(",", Collections.nCopies(seats.size(), "?"));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      int updated;
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE seats SET status = 'RESERVED', version = version + 1"
                  + " WHERE performance_id = ? AND id IN ("
                  + marks
                  + ") AND status = 'AVAILABLE'")) {
        bind(update, 1, performanceId, seats);
        updated = update.executeUpdate();
      }
      if (updated == seats.size()) {
        onWin.write(c, performanceId, seats);
        c.commit();
        return new Result(true, seats);
      }
      c.rollback();
      c.setAutoCommit(true);
      try (PreparedStatement taken =
          c.prepareStatement(
              "SELECT id FROM seats WHERE performance_id = ? AND id IN ("
                  + marks
                  + ") AND status <> 'AVAILABLE'")) {
        bind(taken, 1, performanceId, seats);
        List<Long> sold = new ArrayList<>();
        try (ResultSet rs = taken.executeQuery()) {
          while (rs.next()) {
            sold.add(rs.getLong(1));
          }
        }
        return new Result(false, sold);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void bind(PreparedStatement statement, int first, long performanceId, List<Long> seats)
      throws SQLException {
    statement.setLong(first, performanceId);
    for (int i = 0; i < seats.size(); i++) {
      statement.setLong(first + i + 1, seats.get(i));
    }
  }
}
