package dev.ticketing.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A request target, checked as RFC 3986 has it and split as sent ({@code rawPath}, {@code
 * rawQuery}), with the path decoded (for the SPA's files). {@code problem} says why the target
 * cannot be served (the client gets it in a 400), or is null. A path or query holding a character
 * that must be percent-encoded, a malformed percent-encoding, a path that is not UTF-8, or a
 * control character once decoded, is refused: none reaches a function, a file or a log line.
 */
record RequestTarget(String rawPath, String rawQuery, String path, String problem) {
  private static final String PATH_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%";
  private static final boolean[] IN_PATH = table(PATH_CHARS);
  private static final boolean[] IN_QUERY = table(PATH_CHARS + "?");

  static RequestTarget parse(String uri) {
    String target = originForm(uri);
    if (target == null) {
      return invalid("-", null, "The request target must be a path starting with /.");
    }
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? null : target.substring(q + 1);
    if (!allowed(rawPath, IN_PATH)) {
      return invalid(rawPath, rawQuery, "The path holds a character that must be percent-encoded.");
    }
    if (rawQuery != null && !allowed(rawQuery, IN_QUERY)) {
      return invalid(
          rawPath, rawQuery, "The query holds a character that must be percent-encoded.");
    }
    String path = decode(rawPath);
    if (path == null) {
      return invalid(rawPath, rawQuery, "The path holds a malformed percent-encoding.");
    }
    if (hasControl(path)) {
      return invalid(rawPath, rawQuery, "The path holds a control character.");
    }
    if (rawQuery != null) {
      for (String part : rawQuery.split("[&=]")) {
        String decoded = decode(part);
        if (decoded == null) {
          return invalid(rawPath, rawQuery, "The query holds a malformed percent-encoding.");
        }
        if (hasControl(decoded)) {
          return invalid(rawPath, rawQuery, "The query holds a control character.");
        }
      }
    }
    return new RequestTarget(rawPath, rawQuery, path, null);
  }

  /** The path and query of an origin-form or absolute-form target; null for any other form. */
  private static String originForm(String uri) {
    if (uri.startsWith("/")) {
      return uri;
    }
    String lower = uri.toLowerCase(Locale.ROOT);
    int scheme = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
    if (scheme < 0) {
      return null;
    }
    int slash = uri.indexOf('/', scheme);
    int query = uri.indexOf('?', scheme);
    if (slash < 0 || (query >= 0 && query < slash)) {
      return query < 0 ? "/" : "/" + uri.substring(query);
    }
    return uri.substring(slash);
  }

  private static RequestTarget invalid(String rawPath, String rawQuery, String problem) {
    return new RequestTarget(rawPath, rawQuery, null, problem);
  }

  boolean valid() {
    return problem == null;
  }

  boolean api() {
    return rawPath.equals("/api") || rawPath.startsWith("/api/");
  }

  private static boolean[] table(String chars) {
    boolean[] table = new boolean[128];
    for (char c : chars.toCharArray()) {
      table[c] = true;
    }
    return table;
  }

  private static boolean allowed(String s, boolean[] table) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !table[c]) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** Percent-decodes {@code s} as UTF-8 ({@code +} stays {@code +}); null when malformed. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        bytes.write(c); // only ASCII gets here: the target was checked first
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
