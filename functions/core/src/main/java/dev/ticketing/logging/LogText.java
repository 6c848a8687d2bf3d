package dev.ticketing.logging;

/**
 * Text bound for one log line, made to stay one: a line feed, carriage return or any other control
 * character (C0, DEL, C1, the Unicode line and paragraph separators) is written as an escape
 * ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so nothing a client sends (a path, a
 * header, a token) can start a forged line in the log, locally or in CloudWatch, which makes each
 * line an event.
 */
public final class LogText {
  private LogText() {}

  public static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    int first = firstToEscape(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!needsEscape(c)) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static int firstToEscape(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (needsEscape(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }
}
