package dev.ticketing.error;

import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one shape of every error body: {@code {"error": code, "message": text, ...extra}}. */
public final class ErrorBodies {
  private ErrorBodies() {}

  public static Map<String, Object> of(ErrorCode code, String message) {
    return of(code, message, Map.of());
  }

  public static Map<String, Object> of(ErrorCode code, String message, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code.code());
    body.put("message", message);
    body.putAll(extra);
    return body;
  }

  /** The code for a status that Micronaut itself raised (no route, wrong method, bad JSON...). */
  public static ErrorCode codeFor(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> ErrorCode.BAD_REQUEST;
      case UNAUTHORIZED -> ErrorCode.UNAUTHORIZED;
      case FORBIDDEN -> ErrorCode.FORBIDDEN;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
      case NOT_ACCEPTABLE -> ErrorCode.NOT_ACCEPTABLE;
      case CONFLICT -> ErrorCode.CONFLICT;
      case GONE -> ErrorCode.GONE;
      case REQUEST_ENTITY_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
      case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case UNPROCESSABLE_ENTITY -> ErrorCode.UNPROCESSABLE;
      case TOO_MANY_REQUESTS -> ErrorCode.TOO_MANY_REQUESTS;
      default -> status.getCode() >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.ERROR;
    };
  }
}
