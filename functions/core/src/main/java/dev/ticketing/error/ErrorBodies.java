package dev.ticketing.error;

import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one shape of every error body: {@code {"error": code, "message": text, ...extra}}. */
public final class ErrorBodies {
  private ErrorBodies() {}

  public static Map<String, Object> of(String code, String message) {
    return of(code, message, Map.of());
  }

  public static Map<String, Object> of(String code, String message, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    body.putAll(extra);
    return body;
  }

  /** The code for a status that Micronaut itself raised (no route, wrong method, bad JSON...). */
  public static String codeFor(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "bad_request";
      case UNAUTHORIZED -> "unauthorized";
      case FORBIDDEN -> "forbidden";
      case NOT_FOUND -> "not_found";
      case METHOD_NOT_ALLOWED -> "method_not_allowed";
      case NOT_ACCEPTABLE -> "not_acceptable";
      case CONFLICT -> "conflict";
      case GONE -> "gone";
      case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
      case UNPROCESSABLE_ENTITY -> "unprocessable";
      case TOO_MANY_REQUESTS -> "too_many_requests";
      default -> status.getCode() >= 500 ? "internal_error" : "error";
    };
  }
}
