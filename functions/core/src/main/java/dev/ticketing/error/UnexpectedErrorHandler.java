package dev.ticketing.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure nobody anticipated: the client gets a 500 with a request id and no internals; the log
 * gets the same id with the stack trace, so the two can be matched.
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
public final class UnexpectedErrorHandler
    implements ExceptionHandler<RuntimeException, HttpResponse<Map<String, Object>>> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

  @Override
  public HttpResponse<Map<String, Object>> handle(HttpRequest request, RuntimeException e) {
    String requestId =
        request
            .getHeaders()
            .findFirst(RequestIds.HEADER)
            .orElseGet(() -> UUID.randomUUID().toString());
    LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getPath(), e);
    return HttpResponse.<Map<String, Object>>status(HttpStatus.INTERNAL_SERVER_ERROR)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(RequestIds.HEADER, requestId)
        .body(
            ErrorBodies.of(
                "internal_error",
                "Something went wrong on our side. Quote request id " + requestId + ".",
                Map.of("requestId", requestId)));
  }
}
