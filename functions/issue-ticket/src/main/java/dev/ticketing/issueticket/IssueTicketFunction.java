package dev.ticketing.issueticket;

import dev.ticketing.endpoints.EndpointsFunction;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;

/**
 * Lambda handler: the waiting-room ticket counter, answered by {@link IssueTicketEndpoints}; every
 * other request (a wrong method, a body Micronaut's guard refuses) goes through Micronaut.
 */
public class IssueTicketFunction extends EndpointsFunction {
  public IssueTicketFunction() {
    this(FunctionContexts.startFromEnvironment(FunctionEnvironments.ISSUE_TICKET));
  }

  public IssueTicketFunction(ApplicationContext context) {
    super(context, c -> c.getBean(IssueTicketEndpoints.class).endpoints());
  }
}
