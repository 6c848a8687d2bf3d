package dev.ticketing.issueticket;

import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/** Lambda handler: the waiting-room ticket counter. */
public class IssueTicketFunction extends ApiGatewayProxyRequestEventFunction {
  public IssueTicketFunction() {
    super(FunctionContexts.startFromEnvironment(FunctionEnvironments.ISSUE_TICKET));
  }

  public IssueTicketFunction(ApplicationContext context) {
    super(context);
  }
}
