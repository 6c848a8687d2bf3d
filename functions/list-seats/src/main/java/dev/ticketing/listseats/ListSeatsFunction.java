package dev.ticketing.listseats;

import dev.ticketing.endpoints.EndpointsFunction;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;

/**
 * Lambda handler: the catalog and the live seat map. The seat map is answered by {@link
 * ListSeatsEndpoints}; every other request goes through Micronaut.
 */
public class ListSeatsFunction extends EndpointsFunction {
  public ListSeatsFunction() {
    this(FunctionContexts.startFromEnvironment(FunctionEnvironments.LIST_SEATS));
  }

  public ListSeatsFunction(ApplicationContext context) {
    super(context, c -> c.getBean(ListSeatsEndpoints.class).endpoints());
  }
}
