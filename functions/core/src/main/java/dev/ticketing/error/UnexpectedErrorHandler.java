package dev.ticketing.error;

import dev.ticketing.figures.ServerErrorFigures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;

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
  private final ServerErrorFigures figures;

  /** Without the console's figures (tests of the answer alone). */
  public UnexpectedErrorHandler() {
    this(null);
  }

  @Inject
  public UnexpectedErrorHandler(ServerErrorFigures figures) {
    this.figures = figures;
  }

  @Override
  public HttpResponse<Map<String, Object>> handle(HttpRequest request, RuntimeException e) {
    ErrorAnswer answer =
        ErrorAnswer.unexpected(e, RequestIds.of(request), request.getMethod(), request.getPath());
    MutableHttpResponse<Map<String, Object>> response =
        HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(answer.status()))
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(answer.body());
    answer.headers().forEach(response::header);
    if (figures != null) {
      figures.answered(answer.status(), answer.body(), request.getMethod(), request.getPath());
    }
    return response;
  }
}
