package dev.ticketing.admin;

import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;

@Command(
    name = "close",
    mixinStandardHelpOptions = true,
    description =
        "Closes a performance's sale for good, now: nobody more is admitted, every waiting or called buyer's next poll answers 410 sale_ended, reservations answer 410 sale_ended. Written to the audit log. Closing a closed sale changes nothing; there is no reopening.")
final class CloseCommand extends SaleStateCommand {
  @Override
  String change(ApplicationContext ctx, long performanceId, String operator) {
    return SaleCommands.close(ctx, performanceId, operator);
  }
}
