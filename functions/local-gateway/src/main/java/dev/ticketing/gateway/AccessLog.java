package dev.ticketing.gateway;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's one log line per request: method, path, status, milliseconds. */
final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("gateway");

  private AccessLog() {}

  static void line(String method, String path, int status, long startedNanos) {
    LOG.info(
        "{} {} {} {}ms",
        method,
        path,
        status,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
  }

  /** A line with a note after it: the request did not end the ordinary way. */
  static void line(String method, String path, int status, long startedNanos, String note) {
    LOG.info(
        "{} {} {} {}ms ({})",
        method,
        path,
        status,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos),
        note);
  }

  /** The path of a request target as sent, without its query. */
  static String pathOf(String uri) {
    if (uri == null || uri.isEmpty()) {
      return "-";
    }
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }
}
