package dev.ticketing.endpoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.util.function.Function;

/**
 * A function's Lambda handler: its hot routes answered by its {@link Endpoints}, every other
 * request by Micronaut's proxy as before. The local gateway invokes this same handler.
 */
public abstract class EndpointsFunction extends ApiGatewayProxyRequestEventFunction {
  private final ApplicationContext context;
  private final Function<ApplicationContext, Endpoints> factory;
  private volatile Endpoints endpoints;

  protected EndpointsFunction(
      ApplicationContext context, Function<ApplicationContext, Endpoints> endpoints) {
    super(context);
    this.context = context;
    this.factory = endpoints;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context lambda) {
    return endpoints().answer(event).orElseGet(() -> super.handleRequest(event, lambda));
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
