package dev.ticketing.pollposition;

import dev.ticketing.endpoints.EndpointsFunction;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;

/**
 * Lambda handler: the waiting-room position, admission and leaving. The poll and the public state
 * are answered by {@link PollPositionEndpoints}; every other request goes through Micronaut.
 */
public class PollPositionFunction extends EndpointsFunction {
  public PollPositionFunction() {
    this(FunctionContexts.startFromEnvironment(FunctionEnvironments.POLL_POSITION));
  }

  public PollPositionFunction(ApplicationContext context) {
    super(context, c -> c.getBean(PollPositionEndpoints.class).endpoints());
  }
}
