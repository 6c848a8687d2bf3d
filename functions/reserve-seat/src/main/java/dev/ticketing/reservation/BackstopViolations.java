package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the double bookings that got past a lock strategy and were stopped only by the database's
 * uniqueness backstop ({@code uq_reservation_seats_seat}). A correct strategy keeps it at zero.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class BackstopViolations {
  private static final Logger LOG = LoggerFactory.getLogger(BackstopViolations.class);

  private final AtomicLong count = new AtomicLong();

  void record(String strategy, long performanceId, Object seatIds) {
    long n = count.incrementAndGet();
    LOG.error(
        "lock strategy {} let a double booking through (performance {}, seats {}); the backstop"
            + " stopped it ({} so far)",
        strategy,
        performanceId,
        seatIds,
        n);
  }

  public long count() {
    return count.get();
  }
}
