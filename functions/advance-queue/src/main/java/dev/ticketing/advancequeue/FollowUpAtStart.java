package dev.ticketing.advancequeue;

import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function instance that starts settles what its predecessors left ({@link
 * UnsettledReservations}) before its first tick: the local gateway's restart, a new Lambda
 * instance. A store out of reach at start costs a warning (the next tick tries again), never the
 * start itself.
 */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class FollowUpAtStart implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(FollowUpAtStart.class);

  private final BeanProvider<UnsettledReservations> unsettled;

  public FollowUpAtStart(BeanProvider<UnsettledReservations> unsettled) {
    this.unsettled = unsettled;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    try {
      unsettled.get().followUpOpenSales();
    } catch (RuntimeException e) {
      LOG.warn("reservations not followed up at start; the next tick does: {}", e.toString());
    }
  }
}
