package dev.ticketing.pollposition;

import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/** Lambda handler: the waiting-room position, admission and leaving. */
public class PollPositionFunction extends ApiGatewayProxyRequestEventFunction {
  public PollPositionFunction() {
    super(FunctionContexts.startFromEnvironment(FunctionEnvironments.POLL_POSITION));
  }

  public PollPositionFunction(ApplicationContext context) {
    super(context);
  }
}
