package dev.ticketing.error;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure that says a store is out of reach or saturated (no free pooled connection,
 * the database or Redis not answering, Redis gone) rather than a bug: the request can be retried,
 * so the client gets a 503, not a 500.
 */
public final class StoreOutage {
  /**
   * What Lettuce says, as a plain {@link RedisException}, when the connection to Redis is down: a
   * command sent while it reconnects (our connections reject commands while disconnected rather
   * than queue them), and the commands in flight when the socket closed. RedisOutageTest kills a
   * real redis-server and checks every failure it then sees is recognised.
   */
  private static final Set<String> REDIS_DISCONNECTED =
      Set.of(
          "Currently not connected. Commands are rejected.",
          "Connection disconnected",
          "Connection closed");

  /**
   * What the Hikari pool says of a connection it closed after the server dropped it: every later
   * use of that connection in the same request fails so (a plain SQLException, no SQL state).
   * DatabaseOutageTest kills a pooled connection on the server and checks both failures.
   */
  private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

  /** SQL state class 08: connection exception (08S01 communication link failure, 08003, ...). */
  private static final String CONNECTION_EXCEPTION_CLASS = "08";

  private StoreOutage() {}

  public static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException // Hikari: no connection within the timeout
          || t instanceof SQLNonTransientConnectionException // the server refused or dropped us
          || t instanceof SQLRecoverableException
          || databaseDisconnected(t)
          || t instanceof RedisConnectionException
          || t instanceof RedisCommandTimeoutException
          || redisDisconnected(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean databaseDisconnected(Throwable t) {
    return t instanceof SQLException sql
        && ((sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS))
            || POOL_CLOSED_CONNECTION.equals(sql.getMessage()));
  }

  /** Redis's socket closed under a command ("Connection reset"), or the connection is down. */
  private static boolean redisDisconnected(Throwable t) {
    return t instanceof RedisException
        && (REDIS_DISCONNECTED.contains(t.getMessage()) || t.getCause() instanceof IOException);
  }
}
