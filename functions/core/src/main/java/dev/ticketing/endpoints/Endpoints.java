package dev.ticketing.endpoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorAnswer;
import dev.ticketing.figures.ServerErrorFigures;
import dev.ticketing.routes.Function;
import dev.ticketing.routes.Route;
import dev.ticketing.routes.Routes;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A function's hot routes, answered straight from the API Gateway proxy event without Micronaut's
 * HTTP proxy (request conversion, filters, routing, binding: most of a request's CPU, docs/
 * performance.md). Routes come from the catalog ({@link Routes}) and must be the function's own; a
 * request on any other route, or with a body, is not theirs (empty): the function hands it to
 * Micronaut as before. Errors keep the API's shape ({@link ErrorAnswer}).
 */
public final class Endpoints {
  private final Function function;
  private final JsonMapper json;
  private final ServerErrorFigures figures;
  private final Map<Route, Endpoint> byRoute = new HashMap<>();

  /** {@code figures} counts the 5xx answers for the operator console, as Micronaut's path does. */
  public Endpoints(Function function, JsonMapper json, ServerErrorFigures figures) {
    this.function = function;
    this.json = json;
    this.figures = figures;
  }

  /** Serves {@code method resource} (a catalog route of this function) with {@code endpoint}. */
  public Endpoints on(String method, String resource, Endpoint endpoint) {
    Route route = new Route(resource, method, function);
    if (!Routes.ALL.contains(route)) {
      throw new IllegalArgumentException(
          "not a route of " + function + " in the catalog: " + route);
    }
    byRoute.put(route, endpoint);
    return this;
  }

  /** The answer of the endpoint serving this request, or empty when none does. */
  public Optional<APIGatewayProxyResponseEvent> answer(APIGatewayProxyRequestEvent event) {
    if (event == null
        || event.getHttpMethod() == null
        || event.getPath() == null
        || (event.getPath().length() > 1 && event.getPath().endsWith("/"))
        || (event.getBody() != null && !event.getBody().isEmpty())) {
      return Optional.empty();
    }
    Optional<Routes.Match> match = Routes.match(event.getHttpMethod(), event.getPath());
    if (match.isEmpty()) {
      return Optional.empty();
    }
    Endpoint endpoint = byRoute.get(match.get().route());
    if (endpoint == null) {
      return Optional.empty();
    }
    EndpointRequest request = new EndpointRequest(event, match.get().pathParameters());
    if (!request.header("Content-Length").map("0"::equals).orElse(true)) {
      return Optional.empty(); // a body announced: Micronaut's guard judges it (413, 415)
    }
    ErrorAnswer failure;
    try {
      return Optional.of(endpoint.answer(request));
    } catch (ApiException e) {
      failure = ErrorAnswer.of(e);
    } catch (RuntimeException e) {
      failure = ErrorAnswer.unexpected(e, request.requestId(), request.method(), request.path());
    }
    figures.answered(failure.status(), failure.body(), request.method(), request.path());
    return Optional.of(error(failure));
  }

  /** A JSON answer: {@code body} serialized as Micronaut would, with the headers given. */
  public APIGatewayProxyResponseEvent json(int status, Object body, Map<String, String> headers) {
    try {
      return Answers.json(status, json.writeValueAsString(body), headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private APIGatewayProxyResponseEvent error(ErrorAnswer answer) {
    return json(answer.status(), answer.body(), answer.headers());
  }
}
