package dev.ticketing.advancequeue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Lambda handler invoked by the one-minute EventBridge schedule: ticks every open queue every
 * {@code ADVANCE_INTERVAL_SECONDS} through the minute the event stands for (see {@link
 * AdvanceCadence}). An event without a time (the local gateway's timer, a manual invocation) ticks
 * once.
 */
public class AdvanceQueueFunction extends MicronautRequestHandler<ScheduledEvent, AdvanceReport> {
  @Inject AdvanceCadence cadence;

  public AdvanceQueueFunction() {
    super(FunctionContexts.startFromEnvironment(FunctionEnvironments.ADVANCE_QUEUE));
  }

  public AdvanceQueueFunction(ApplicationContext context) {
    super(context);
  }

  @Override
  public AdvanceReport execute(ScheduledEvent event) {
    if (event != null && HoldSweep.DETAIL_TYPE.equals(event.getDetailType())) {
      return cadence.sweepOnce();
    }
    if (event == null || event.getTime() == null) {
      return cadence.tickOnce();
    }
    try {
      return cadence.run(Instant.ofEpochMilli(event.getTime().getMillis()), AdvanceCadence.WINDOW);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between ticks", e);
    }
  }
}
