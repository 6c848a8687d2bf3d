package dev.ticketing.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.testing.LogCapture;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The project's log layout keeps every event on its own lines, whatever the input holds. */
class OneLineLoggingTest {
  private static final Logger LOG = LoggerFactory.getLogger("gateway");

  /** How every event's first line starts (logback.xml): a time, a level. */
  static final Pattern EVENT_START = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ ");

  @Test
  void aLineFeedInAnArgumentCannotStartALineOfItsOwn() {
    try (LogCapture log = new LogCapture()) {
      LOG.info(
          "{} {} {} {}ms", "GET", "/x\n12:00:00.000 ERROR gateway - forged\r\u001b[2J", 200, 1);
      List<String> lines = log.lines();
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(
          lines
              .get(0)
              .endsWith("GET /x\\n12:00:00.000 ERROR gateway - forged\\r\\u001b[2J 200 1ms"),
          lines.get(0));
    }
  }

  @Test
  void anExceptionsMessageStaysOnItsLineInTheStackTrace() {
    Exception e =
        new IllegalStateException(
            "bad path /x\n12:00:00.000 ERROR gateway - forged",
            new IllegalArgumentException("cause\r\n12:00:01.000 WARN  x - forged too"));
    e.addSuppressed(new RuntimeException("suppressed\n12:00:02.000 INFO y - forged"));
    try (LogCapture log = new LogCapture()) {
      LOG.error("request {} failed", "id-1", e);
      List<String> lines = log.lines();
      assertEquals(
          1, lines.stream().filter(l -> EVENT_START.matcher(l).find()).count(), lines.toString());
      assertTrue(
          lines.get(1).startsWith("java.lang.IllegalStateException: bad path /x\\n12:00"),
          lines.get(1));
      for (String line : lines.subList(1, lines.size())) {
        assertTrue(
            line.startsWith("java.lang.IllegalStateException: ")
                || line.startsWith("\t")
                || line.startsWith("Caused by: "),
            "a line no stack trace writes: " + line);
      }
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("cause\\r\\n12:00:01.000")), lines.toString());
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("suppressed\\n12:00:02.000")), lines.toString());
    }
  }

  @Test
  void plainTextIsLeftAsItIs() {
    assertEquals("GET /api/performances 200 1ms", LogText.oneLine("GET /api/performances 200 1ms"));
    assertEquals("caf\u00e9 \\u0085 \\u2028", LogText.oneLine("caf\u00e9 \u0085 \u2028"));
    assertFalse(LogText.oneLine("a\tb").contains("\t"));
  }
}
