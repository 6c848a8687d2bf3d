package dev.ticketing.listseats;

import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/** Lambda handler: the catalog and the live seat map. */
public class ListSeatsFunction extends ApiGatewayProxyRequestEventFunction {
  public ListSeatsFunction() {
    super(FunctionContexts.startFromEnvironment(FunctionEnvironments.LIST_SEATS));
  }

  public ListSeatsFunction(ApplicationContext context) {
    super(context);
  }
}
