package dev.ticketing.advancequeue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler invoked by the EventBridge schedule: advances every open queue. */
public class AdvanceQueueFunction extends MicronautRequestHandler<ScheduledEvent, AdvanceReport> {
  @Inject AdvanceQueueJob job;

  public AdvanceQueueFunction() {
    super(FunctionContexts.startFromEnvironment(FunctionEnvironments.ADVANCE_QUEUE));
  }

  public AdvanceQueueFunction(ApplicationContext context) {
    super(context);
  }

  @Override
  public AdvanceReport execute(ScheduledEvent event) {
    return job.run();
  }
}
