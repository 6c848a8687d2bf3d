package dev.ticketing.reserveseat;

import dev.ticketing.endpoints.EndpointsFunction;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;

/**
 * Lambda handler: the seat reservations, answered by {@link ReserveSeatEndpoints}; every other
 * request (a wrong method, a body Micronaut's guard refuses) goes through Micronaut.
 */
public class ReserveSeatFunction extends EndpointsFunction {
  public ReserveSeatFunction() {
    this(FunctionContexts.startFromEnvironment(FunctionEnvironments.RESERVE_SEAT));
  }

  public ReserveSeatFunction(ApplicationContext context) {
    super(context, c -> c.getBean(ReserveSeatEndpoints.class).endpoints());
  }
}
