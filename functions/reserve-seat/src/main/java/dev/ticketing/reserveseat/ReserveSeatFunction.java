package dev.ticketing.reserveseat;

import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/** Lambda handler: the seat reservations. */
public class ReserveSeatFunction extends ApiGatewayProxyRequestEventFunction {
  public ReserveSeatFunction() {
    super(FunctionContexts.startFromEnvironment(FunctionEnvironments.RESERVE_SEAT));
  }

  public ReserveSeatFunction(ApplicationContext context) {
    super(context);
  }
}
