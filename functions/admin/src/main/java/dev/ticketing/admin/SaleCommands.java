package dev.ticketing.admin;

import dev.ticketing.error.ApiException;
import dev.ticketing.operations.OperatorAction;
import dev.ticketing.operations.SaleOperations;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;

/** The operator's sale levers as the admin command runs them: each written to the audit log. */
final class SaleCommands {
  private SaleCommands() {}

  static String pause(ApplicationContext ctx, long performanceId, String operator) {
    return text(
        act(() -> operations(ctx).pause(performanceId, operator, Clock.systemUTC().instant())));
  }

  static String resume(ApplicationContext ctx, long performanceId, String operator) {
    return text(
        act(() -> operations(ctx).resume(performanceId, operator, Clock.systemUTC().instant())));
  }

  static String close(ApplicationContext ctx, long performanceId, String operator) {
    return text(
        act(() -> operations(ctx).close(performanceId, operator, Clock.systemUTC().instant())));
  }

  static String setCapacity(
      ApplicationContext ctx, long performanceId, int capacity, String operator) {
    act(
        () ->
            operations(ctx)
                .setCapacity(performanceId, operator, capacity, Clock.systemUTC().instant()));
    return "capacity of performance "
        + performanceId
        + " set to "
        + capacity
        + "; the advancer applies it at its next tick";
  }

  static String setToll(ApplicationContext ctx, long performanceId, int bits, String operator) {
    return text(
        act(
            () ->
                operations(ctx)
                    .setToll(performanceId, operator, bits, Clock.systemUTC().instant())));
  }

  private static SaleOperations operations(ApplicationContext ctx) {
    return ctx.getBean(SaleOperations.class);
  }

  private interface Action {
    OperatorAction run();
  }

  private static OperatorAction act(Action action) {
    try {
      return action.run();
    } catch (ApiException e) {
      throw new AdminException(e.getMessage());
    }
  }

  private static String text(OperatorAction a) {
    return String.format(
        "performance %d: %s by %s at %s: %s -> %s",
        a.performanceId(), a.action(), a.operator(), a.at(), a.before(), a.after());
  }
}
