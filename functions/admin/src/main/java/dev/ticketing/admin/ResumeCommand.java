package dev.ticketing.admin;

import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;

@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description =
        "Resumes a paused sale: every clock starts again where it stopped, admission continues in ticket order at the advancer's next tick, sessions get back the time they had left. Written to the audit log. Resuming a running sale changes nothing.")
final class ResumeCommand extends SaleStateCommand {
  @Override
  String change(ApplicationContext ctx, long performanceId, String operator) {
    return SaleCommands.resume(ctx, performanceId, operator);
  }
}
