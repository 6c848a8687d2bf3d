package dev.ticketing.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request target split as sent ({@code rawPath}, {@code rawQuery}) and the path decoded (for the
 * SPA's files); {@code problem} says why the target cannot be served, or is null.
 */
record RequestTarget(String rawPath, String rawQuery, String path, String problem) {

  static RequestTarget parse(String uri) {
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? null : uri.substring(q + 1);
    if (!rawPath.startsWith("/")) {
      return invalid(rawPath, rawQuery, "The request target must be a path starting with /.");
    }
    String path = decode(rawPath);
    if (path == null) {
      return invalid(rawPath, rawQuery, "The path holds a malformed percent-encoding.");
    }
    return new RequestTarget(rawPath, rawQuery, path, null);
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
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
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
