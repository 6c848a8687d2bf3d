package dev.ticketing.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.ticketing.endpoints.EndpointsFunction;
import dev.ticketing.snapstart.PrimingResource;
import io.micronaut.context.ApplicationContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a function's snapshot priming and proves it wrote nothing to MySQL or Redis. */
public final class HandlerPriming {
  private HandlerPriming() {}

  /**
   * Primes as before a checkpoint ({@link PrimingResource#prime}, the handler's step included),
   * asserts no step failed and the stores hold what they held, and returns each priming request's
   * status ({@code "GET path"} to status) as the handler answers it.
   */
  public static Map<String, Integer> primeWritingNothing(
      ApplicationContext ctx, EndpointsFunction function) {
    Map<String, Long> before = StoreCounts.of(ctx);

    assertEquals(List.of(), ctx.getBean(PrimingResource.class).prime());
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (APIGatewayProxyRequestEvent event : function.primingRequests()) {
      statuses.put(
          event.getHttpMethod() + " " + event.getPath(),
          function.handleRequest(event, null).getStatusCode());
    }

    assertEquals(before, StoreCounts.of(ctx), "priming changed what the stores hold");
    return statuses;
  }
}
