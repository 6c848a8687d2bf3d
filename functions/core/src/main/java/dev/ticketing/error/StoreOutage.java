package dev.ticketing.error;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure that says a store is out of reach or saturated (no free pooled connection,
 * the database or Redis not answering) rather than a bug: the request changed nothing and can be
 * retried, so the client gets a 503, not a 500.
 */
public final class StoreOutage {
  private StoreOutage() {}

  public static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException // Hikari: no connection within the timeout
          || t instanceof SQLNonTransientConnectionException // the server refused or dropped us
          || t instanceof SQLRecoverableException
          || t instanceof RedisConnectionException
          || t instanceof RedisCommandTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
