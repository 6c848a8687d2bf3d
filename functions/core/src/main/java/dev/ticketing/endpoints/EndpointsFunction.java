package dev.ticketing.endpoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.error.RequestIds;
import dev.ticketing.routes.Route;
import dev.ticketing.routes.Routes;
import dev.ticketing.snapstart.PrimingResource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A function's Lambda handler: its hot routes answered by its {@link Endpoints}, every other
 * request by Micronaut's proxy as before. The local gateway invokes this same handler.
 *
 * <p>Before a snapshot it primes itself ({@link PrimingResource#primeAlso}): each GET route of its
 * endpoints for a performance that does not exist, without credentials, and an unknown path through
 * Micronaut's proxy, so the endpoints, route matching, JSON errors and the proxy conversion are
 * loaded. Each is answered 4xx before a store is written (no such performance, no token), a 4xx is
 * counted nowhere, and the requests carry fixed ids so no random source ends up in the snapshot.
 */
public abstract class EndpointsFunction extends ApiGatewayProxyRequestEventFunction {
  /** The largest id a path admits (18 digits): a valid id no performance or hold will have. */
  private static final String NO_SUCH_ID = "999999999999999999";

  /** Under the API's prefix, not a route: Micronaut's router answers it 404. */
  static final String UNKNOWN_PATH = Routes.PERFORMANCES + "/" + NO_SUCH_ID + "/priming";

  private static final String PRIMING_ID = "priming";

  private final ApplicationContext context;
  private final Function<ApplicationContext, Endpoints> factory;
  private volatile Endpoints endpoints;

  protected EndpointsFunction(
      ApplicationContext context, Function<ApplicationContext, Endpoints> endpoints) {
    super(context);
    this.context = context;
    this.factory = endpoints;
    context.findBean(PrimingResource.class).ifPresent(p -> p.primeAlso(this::prime));
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context lambda) {
    return endpoints().answer(event).orElseGet(() -> super.handleRequest(event, lambda));
  }

  /** Sends the priming requests through this handler; fails on an answer that is not a 4xx. */
  public void prime() {
    for (APIGatewayProxyRequestEvent event : primingRequests()) {
      int status = handleRequest(event, null).getStatusCode();
      if (status < 400 || status >= 500) {
        throw new IllegalStateException(
            "priming " + event.getHttpMethod() + " " + event.getPath() + " answered " + status);
      }
    }
  }

  /** The GET routes of the endpoints for ids that do not exist, then the unknown path. */
  public List<APIGatewayProxyRequestEvent> primingRequests() {
    List<APIGatewayProxyRequestEvent> requests = new ArrayList<>();
    endpoints().routes().stream()
        .filter(route -> route.method().equals("GET"))
        .map(Route::resource)
        .sorted(Comparator.naturalOrder())
        .forEach(
            resource -> requests.add(primingGet(resource.replaceAll("\\{[^}]+}", NO_SUCH_ID))));
    requests.add(primingGet(UNKNOWN_PATH));
    return requests;
  }

  private static APIGatewayProxyRequestEvent primingGet(String path) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod("GET");
    event.setPath(path);
    event.setHeaders(Map.of(RequestIds.HEADER, PRIMING_ID));
    APIGatewayProxyRequestEvent.ProxyRequestContext request =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    request.setRequestId(PRIMING_ID);
    request.setStage(PRIMING_ID);
    event.setRequestContext(request);
    return event;
  }

  /**
   * Created on the first request, as Micronaut creates a controller: beans are made when first
   * needed, as before (a test's clock, say, starts when the first request needs it).
   */
  private Endpoints endpoints() {
    Endpoints ready = endpoints;
    if (ready == null) {
      synchronized (this) {
        if (endpoints == null) {
          endpoints = factory.apply(context);
        }
        ready = endpoints;
      }
    }
    return ready;
  }
}
