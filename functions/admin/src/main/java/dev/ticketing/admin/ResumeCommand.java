package dev.ticketing.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description =
        "Resumes a paused sale: every clock starts again where it stopped, admission continues in ticket order at the advancer's next tick, sessions get back the time they had left. Written to the audit log. Resuming a running sale changes nothing.")
final class ResumeCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Mixin OperatorName operator;

  @Parameters(paramLabel = "PERFORMANCE_ID", description = "the performance")
  long performanceId;

  @Override
  public Integer call() throws Exception {
    AdminStores stores = admin.stores();
    stores
        .out()
        .println(
            stores.<String>with(ctx -> SaleCommands.resume(ctx, performanceId, operator.name)));
    return 0;
  }
}
