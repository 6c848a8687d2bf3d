package dev.ticketing.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure nobody anticipated: the client gets a 500 with a request id and no internals; the log
 * gets the same id with the stack trace, so the two can be matched (the id is API Gateway's, as in
 * its access log; the path is written on one line whatever it holds, logback.xml). A store out of
 * reach or saturated ({@link StoreOutage}) is a 503 with {@code Retry-After} instead: nothing was
 * changed and a retry in a moment may succeed.
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
public final class UnexpectedErrorHandler
    implements ExceptionHandler<RuntimeException, HttpResponse<Map<String, Object>>> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);
  private static final String RETRY_AFTER_SECONDS = "2";

  @Override
  public HttpResponse<Map<String, Object>> handle(HttpRequest request, RuntimeException e) {
    String requestId = RequestIds.of(request);
    if (StoreOutage.causedBy(e)) {
      LOG.warn(
          "request {} {} {}: store unavailable: {}",
          requestId,
          request.getMethod(),
          request.getPath(),
          e.toString());
      return HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE)
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .header(RequestIds.HEADER, requestId)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .body(
              ErrorBodies.of(
                  ErrorCode.SERVICE_UNAVAILABLE,
                  "We are very busy right now. Please try again in a moment.",
                  Map.of("requestId", requestId)));
    }
    LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getPath(), e);
    return HttpResponse.<Map<String, Object>>status(HttpStatus.INTERNAL_SERVER_ERROR)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(RequestIds.HEADER, requestId)
        .body(
            ErrorBodies.of(
                ErrorCode.INTERNAL_ERROR,
                "Something went wrong on our side. Quote request id " + requestId + ".",
                Map.of("requestId", requestId)));
  }
}
