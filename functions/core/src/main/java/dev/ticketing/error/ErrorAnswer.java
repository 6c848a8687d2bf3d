package dev.ticketing.error;

import io.micronaut.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a failure, whichever way the request came in (Micronaut's handlers or the lean
 * endpoints): its status, its headers and its JSON error body.
 */
public record ErrorAnswer(int status, Map<String, String> headers, Map<String, Object> body) {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);
  private static final String RETRY_AFTER_SECONDS = "2";

  /** An {@link ApiException}: its status and body, and {@code Retry-After} when it says so. */
  public static ErrorAnswer of(ApiException e) {
    Map<String, String> headers = new LinkedHashMap<>();
    e.retryAfterSeconds()
        .ifPresent(seconds -> headers.put(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    return new ErrorAnswer(
        e.status().getCode(), headers, ErrorBodies.of(e.code(), e.getMessage(), e.extra()));
  }

  /**
   * A failure nobody anticipated, logged with the request id: a store outage is a 503 with {@code
   * Retry-After}, anything else a 500 quoting the id.
   */
  public static ErrorAnswer unexpected(
      RuntimeException e, String requestId, Object method, String path) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(RequestIds.HEADER, requestId);
    if (StoreOutage.causedBy(e)) {
      LOG.warn("request {} {} {}: store unavailable: {}", requestId, method, path, e.toString());
      headers.put(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      return new ErrorAnswer(
          503,
          headers,
          ErrorBodies.of(
              ErrorCode.SERVICE_UNAVAILABLE,
              "We are very busy right now. Please try again in a moment.",
              Map.of("requestId", requestId)));
    }
    LOG.error("request {} {} {} failed", requestId, method, path, e);
    return new ErrorAnswer(
        500,
        headers,
        ErrorBodies.of(
            ErrorCode.INTERNAL_ERROR,
            "Something went wrong on our side. Quote request id " + requestId + ".",
            Map.of("requestId", requestId)));
  }
}
