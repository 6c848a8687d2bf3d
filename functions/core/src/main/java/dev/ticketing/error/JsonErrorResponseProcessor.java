package dev.ticketing.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Renders the errors Micronaut raises itself (unknown route, wrong method, unreadable or
 * unsupported body) in our shape instead of Micronaut's default HAL body.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class JsonErrorResponseProcessor
    implements ErrorResponseProcessor<Map<String, Object>> {

  @Override
  public MutableHttpResponse<Map<String, Object>> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    String message =
        context.getErrors().stream()
            .map(Error::getMessage)
            .findFirst()
            .filter(m -> status.getCode() < 500)
            .orElse(status.getReason());
    return response
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ErrorBodies.of(ErrorBodies.codeFor(status), message));
  }
}
