package dev.ticketing.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

/** What the gateway hands an API request to: the function named by the route catalog. */
interface Invoker {
  APIGatewayProxyResponseEvent invoke(String function, APIGatewayProxyRequestEvent event);
}
