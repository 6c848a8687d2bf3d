package dev.ticketing.endpoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

/**
 * One hot route's answer, computed straight from the proxy event. It may throw {@link
 * dev.ticketing.error.ApiException} (its status and JSON error body) or fail with a store outage (a
 * 503), as a controller does.
 */
@FunctionalInterface
public interface Endpoint {
  APIGatewayProxyResponseEvent answer(EndpointRequest request);
}
