package dev.ticketing.error;

import dev.ticketing.figures.ServerErrorFigures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Every {@link ApiException} becomes its status and its JSON error body (and a {@code
 * Retry-After}).
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
public final class ApiExceptionHandler
    implements ExceptionHandler<ApiException, HttpResponse<Map<String, Object>>> {
  private final ServerErrorFigures figures;

  public ApiExceptionHandler(ServerErrorFigures figures) {
    this.figures = figures;
  }

  @Override
  public HttpResponse<Map<String, Object>> handle(HttpRequest request, ApiException e) {
    ErrorAnswer answer = ErrorAnswer.of(e);
    MutableHttpResponse<Map<String, Object>> response =
        HttpResponse.<Map<String, Object>>status(e.status())
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(answer.body());
    answer.headers().forEach(response::header);
    figures.answered(answer.status(), answer.body(), request.getMethod(), request.getPath());
    return response;
  }
}
