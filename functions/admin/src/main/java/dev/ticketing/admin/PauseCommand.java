package dev.ticketing.admin;

import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;

@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description =
        "Pauses a performance's sale at once: nobody is called or admitted, every waiting buyer keeps the place however long the pause lasts (polls answer PAUSED), sessions keep the time they had left, reservations answer 503 sale_paused. Written to the audit log. Pausing a paused sale changes nothing.")
final class PauseCommand extends SaleStateCommand {
  @Override
  String change(ApplicationContext ctx, long performanceId, String operator) {
    return SaleCommands.pause(ctx, performanceId, operator);
  }
}
