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
import java.util.Set;

/**
 * A function's hot routes, answered straight from the API Gateway proxy event without Micronaut's
 * HTTP proxy (request conversion, filters, routing, binding: most of a request's CPU, docs/
 * performance.md). Routes come from the catalog ({@link Routes}) and must be the function's own. A
 * route served {@link #on} takes no body; one served {@link #withBody} takes the small JSON body
 * {@link RequestBody} admits. Any other request (another route, a body not admitted, a trailing
 * slash) is not theirs (empty): the function hands it to Micronaut, whose guard, router and error
 * handlers answer it as before. Errors keep the API's shape ({@link ErrorAnswer}).
 */
public final class Endpoints {
  private final Function function;
  private final JsonMapper json;
  private final ServerErrorFigures figures;
  private final Map<Route, Endpoint> byRoute = new HashMap<>();
  private final Map<Route, Boolean> takesBody = new HashMap<>();

  /** {@code figures} counts the 5xx answers for the operator console, as Micronaut's path does. */
  public Endpoints(Function function, JsonMapper json, ServerErrorFigures figures) {
    this.function = function;
    this.json = json;
    this.figures = figures;
  }

  /**
   * Serves {@code method resource} (a catalog route of this function) with {@code endpoint}, for
   * requests without a body.
   */
  public Endpoints on(String method, String resource, Endpoint endpoint) {
    return serve(method, resource, endpoint, false);
  }

  /** The same, for requests with or without a JSON body ({@link EndpointRequest#body()}). */
  public Endpoints withBody(String method, String resource, Endpoint endpoint) {
    return serve(method, resource, endpoint, true);
  }

  private Endpoints serve(String method, String resource, Endpoint endpoint, boolean body) {
    Route route = new Route(resource, method, function);
    if (!Routes.ALL.contains(route)) {
      throw new IllegalArgumentException(
          "not a route of " + function + " in the catalog: " + route);
    }
    byRoute.put(route, endpoint);
    takesBody.put(route, body);
    return this;
  }

  /** The routes served here. */
  public Set<Route> routes() {
    return Set.copyOf(byRoute.keySet());
  }

  /** The answer of the endpoint serving this request, or empty when none does. */
  public Optional<APIGatewayProxyResponseEvent> answer(APIGatewayProxyRequestEvent event) {
    if (event == null
        || event.getHttpMethod() == null
        || event.getPath() == null
        || (event.getPath().length() > 1 && event.getPath().endsWith("/"))) {
      return Optional.empty();
    }
    Optional<Routes.Match> match = Routes.match(event.getHttpMethod(), event.getPath());
    if (match.isEmpty()) {
      return Optional.empty();
    }
    Route route = match.get().route();
    Endpoint endpoint = byRoute.get(route);
    if (endpoint == null) {
      return Optional.empty();
    }
    EndpointRequest request = new EndpointRequest(event, match.get().pathParameters(), json);
    if (!RequestBody.admitted(request, event, takesBody.get(route))) {
      return Optional.empty(); // Micronaut's guard and binding judge it (413, 415, ...)
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
