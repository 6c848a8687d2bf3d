package dev.ticketing.gateway;

import dev.ticketing.error.ErrorCode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * An answer before it goes on the wire: status, headers, the whole body, and (for the SPA's files,
 * compressed once) its gzip form when already known, else null.
 */
record Reply(int status, HttpHeaders headers, byte[] body, byte[] gzipped) {
  static final byte[] EMPTY = new byte[0];

  Reply(int status, HttpHeaders headers, byte[] body) {
    this(status, headers, body, null);
  }

  static Reply of(int status, String contentType, byte[] body) {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    return new Reply(status, headers, body);
  }

  /** The gateway's own errors, in the API's one error shape: {@code {"error", "message"}}. */
  static Reply error(int status, ErrorCode code, String message) {
    String json = "{\"error\":\"" + code.code() + "\",\"message\":\"" + jsonEscape(message) + "\"}";
    return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  Reply with(CharSequence name, Object value) {
    headers.set(name, value);
    return this;
  }

  private static String jsonEscape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
