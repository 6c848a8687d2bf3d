package dev.ticketing.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description =
        "Pauses a performance's sale at once: nobody is called or admitted, every waiting buyer keeps the place however long the pause lasts (polls answer PAUSED), sessions keep the time they had left, reservations answer 503 sale_paused. Written to the audit log. Pausing a paused sale changes nothing.")
final class PauseCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Mixin OperatorName operator;

  @Parameters(paramLabel = "PERFORMANCE_ID", description = "the performance")
  long performanceId;

  @Override
  public Integer call() throws Exception {
    AdminStores stores = admin.stores();
    stores
        .out()
        .println(stores.<String>with(ctx -> SaleCommands.pause(ctx, performanceId, operator.name)));
    return 0;
  }
}
