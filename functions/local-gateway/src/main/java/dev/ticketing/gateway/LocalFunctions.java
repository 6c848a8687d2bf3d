package dev.ticketing.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.advancequeue.AdvanceQueueFunction;
import dev.ticketing.advancequeue.AdvanceReport;
import dev.ticketing.advancequeue.HoldSweep;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.issueticket.IssueTicketFunction;
import dev.ticketing.listseats.ListSeatsFunction;
import dev.ticketing.operatorconsole.OperatorConsoleFunction;
import dev.ticketing.operatorconsole.OperatorCredentials;
import dev.ticketing.pollposition.PollPositionFunction;
import dev.ticketing.reserveseat.ReserveSeatFunction;
import dev.ticketing.settings.Settings;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployed functions, each started in an application context of its own (as separate Lambdas
 * are), invoked through their real handler classes.
 */
final class LocalFunctions implements Invoker, AutoCloseable {
  private final Map<String, ApiGatewayProxyRequestEventFunction> http = new LinkedHashMap<>();
  private final AdvanceQueueFunction advancer;

  LocalFunctions(Settings settings, OperatorCredentials operators) {
    try {
      http.put(
          FunctionEnvironments.LIST_SEATS,
          new ListSeatsFunction(context(FunctionEnvironments.LIST_SEATS, settings)));
      http.put(
          FunctionEnvironments.ISSUE_TICKET,
          new IssueTicketFunction(context(FunctionEnvironments.ISSUE_TICKET, settings)));
      http.put(
          FunctionEnvironments.POLL_POSITION,
          new PollPositionFunction(context(FunctionEnvironments.POLL_POSITION, settings)));
      http.put(
          FunctionEnvironments.RESERVE_SEAT,
          new ReserveSeatFunction(context(FunctionEnvironments.RESERVE_SEAT, settings)));
      http.put(
          FunctionEnvironments.OPERATOR_CONSOLE,
          new OperatorConsoleFunction(OperatorConsoleFunction.start(settings, operators)));
      advancer = new AdvanceQueueFunction(context(FunctionEnvironments.ADVANCE_QUEUE, settings));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static io.micronaut.context.ApplicationContext context(String name, Settings settings) {
    return FunctionContexts.start(name, settings);
  }

  @Override
  public APIGatewayProxyResponseEvent invoke(String function, APIGatewayProxyRequestEvent event) {
    ApiGatewayProxyRequestEventFunction handler = http.get(function);
    if (handler == null) {
      throw new IllegalArgumentException("no function " + function);
    }
    // No Lambda context: with one, Micronaut registers it as a singleton bean on every request,
    // which is fine on Lambda (one request at a time per instance) but serializes this gateway's
    // concurrent requests on the context's bean registry and flushes its caches (3x slower).
    return handler.handleRequest(event, null);
  }

  AdvanceReport advance(String requestId) {
    return advancer.handleRequest(
        new ScheduledEvent(),
        new LocalLambdaContext(FunctionEnvironments.ADVANCE_QUEUE, requestId, 60_000));
  }

  /** One hold sweep (the advancer's one-second step between ticks, AdvanceCadence on AWS). */
  void sweepHolds(String requestId) {
    ScheduledEvent event = new ScheduledEvent();
    event.setDetailType(HoldSweep.DETAIL_TYPE);
    advancer.handleRequest(
        event, new LocalLambdaContext(FunctionEnvironments.ADVANCE_QUEUE, requestId, 60_000));
  }

  @Override
  public void close() {
    for (ApiGatewayProxyRequestEventFunction f : http.values()) {
      f.close();
    }
    if (advancer != null) {
      advancer.close();
    }
  }
}
