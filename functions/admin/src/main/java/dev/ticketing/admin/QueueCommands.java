package dev.ticketing.admin;

import dev.ticketing.error.ApiException;
import dev.ticketing.queue.QueueControl;
import dev.ticketing.queue.QueueState;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * The operator's queue commands: read a performance's queue ({@code queue-status <id>}) and change
 * its capacity at run time ({@code set-capacity <id> <n>}; the advancer applies it at its next
 * tick). They need {@code REDIS_URL} (and {@code DATABASE_URL}) like the functions.
 */
final class QueueCommands {
  private QueueCommands() {}

  static int status(ApplicationContext ctx, long performanceId, PrintStream out, PrintStream err) {
    Instant now = Clock.systemUTC().instant();
    if (!exists(ctx, performanceId, now, err)) {
      return 1;
    }
    QueueState s = ctx.getBean(QueueControl.class).state(performanceId, now);
    out.println(
        String.format(
            Locale.ROOT,
            "performance %d: %d waiting, %d called, %d active, capacity %d (%s), %.1f admitted"
                + " per minute, %d tickets issued",
            s.performanceId(),
            s.waiting(),
            s.called(),
            s.active(),
            s.capacity(),
            s.capacityOverridden() ? "set by an operator" : "QUEUE_CAPACITY",
            s.admittedPerMinute(),
            s.ticketsIssued()));
    return 0;
  }

  static int setCapacity(
      ApplicationContext ctx, long performanceId, int capacity, PrintStream out, PrintStream err) {
    Instant now = Clock.systemUTC().instant();
    if (!exists(ctx, performanceId, now, err)) {
      return 1;
    }
    SaleWindow sale = ctx.getBean(SaleWindows.class).require(performanceId, now);
    ctx.getBean(QueueControl.class).setCapacity(sale, capacity);
    out.println(
        "capacity of performance "
            + performanceId
            + " set to "
            + capacity
            + "; the advancer applies it at its next tick");
    return 0;
  }

  private static boolean exists(
      ApplicationContext ctx, long performanceId, Instant now, PrintStream err) {
    try {
      ctx.getBean(SaleWindows.class).require(performanceId, now);
      return true;
    } catch (ApiException e) {
      err.println(e.getMessage());
      return false;
    }
  }
}
