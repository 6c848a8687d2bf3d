package dev.ticketing.error;

import io.micronaut.http.HttpStatus;
import java.util.Map;

/**
 * A failure the client caused or must know about; rendered as {@code {"error", "message"}} plus any
 * extra fields (e.g. the seats lost in a 409) with its status.
 */
public class ApiException extends RuntimeException {
  private static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

  private final HttpStatus status;
  private final ErrorCode code;
  private final Map<String, Object> extra;

  public ApiException(HttpStatus status, ErrorCode code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiException(
      HttpStatus status, ErrorCode code, String message, Map<String, Object> extra) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = Map.copyOf(extra);
  }

  /**
   * 429 with {@code Retry-After}: the client asked too soon; the body repeats the wait as {@code
   * retryAfterSeconds}.
   */
  public static ApiException tooManyRequests(
      ErrorCode code, String message, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        code,
        message,
        Map.of(RETRY_AFTER_SECONDS, Math.max(1, retryAfterSeconds)));
  }

  /** 503 with {@code Retry-After}: the service refuses for now (not an outage: a decision). */
  public static ApiException unavailable(ErrorCode code, String message, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        code,
        message,
        Map.of(RETRY_AFTER_SECONDS, Math.max(1, retryAfterSeconds)));
  }

  /** The seconds a client should wait before asking again, when the answer says so. */
  public java.util.Optional<Long> retryAfterSeconds() {
    return extra.get(RETRY_AFTER_SECONDS) instanceof Long seconds
        ? java.util.Optional.of(seconds)
        : java.util.Optional.empty();
  }

  public static ApiException badRequest(ErrorCode code, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, code, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, message);
  }

  public static ApiException forbidden(ErrorCode code, String message) {
    return new ApiException(HttpStatus.FORBIDDEN, code, message);
  }

  public HttpStatus status() {
    return status;
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
