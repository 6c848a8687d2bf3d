package dev.ticketing.gateway;

import dev.ticketing.advancequeue.HoldSweep;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local stand-in for the EventBridge schedule: invokes the advancer every interval. */
final class AdvanceSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("advance-queue");

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "advance-queue-schedule");
            t.setDaemon(true);
            return t;
          });

  AdvanceSchedule(LocalFunctions functions, int intervalSeconds) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            functions.advance(UUID.randomUUID().toString());
          } catch (RuntimeException e) {
            LOG.error("advance-queue invocation failed", e);
          }
        },
        intervalSeconds,
        intervalSeconds,
        TimeUnit.SECONDS);
    long sweepMillis = HoldSweep.EVERY.toMillis();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            functions.sweepHolds(UUID.randomUUID().toString());
          } catch (RuntimeException e) {
            LOG.error("hold sweep failed", e);
          }
        },
        sweepMillis,
        sweepMillis,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
