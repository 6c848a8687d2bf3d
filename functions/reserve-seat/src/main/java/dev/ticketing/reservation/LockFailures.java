package dev.ticketing.reservation;

import java.sql.SQLException;

/** Recognises a database lock that could not be had: a lock-wait timeout or a deadlock victim. */
final class LockFailures {
  static final int LOCK_WAIT_TIMEOUT = 1205;
  static final int DEADLOCK = 1213;
  static final int LOCK_NOWAIT = 3572;
  private static final String SERIALIZATION_FAILURE = "40001";

  private LockFailures() {}

  static boolean isLockFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == LOCK_WAIT_TIMEOUT
              || sql.getErrorCode() == DEADLOCK
              || sql.getErrorCode() == LOCK_NOWAIT
              || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static boolean isDuplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == 1062) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
