package dev.ticketing.gateway;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/** The {@code Date} header's value, formatted once a second. */
final class HttpDates {
  private static volatile Formatted current = new Formatted(0, "");

  private record Formatted(long second, String value) {}

  private HttpDates() {}

  static String now() {
    long millis = System.currentTimeMillis();
    long second = millis / 1000;
    Formatted f = current;
    if (f.second != second) {
      f = new Formatted(second, DateFormatter.format(new Date(second * 1000)));
      current = f;
    }
    return f.value;
  }
}
