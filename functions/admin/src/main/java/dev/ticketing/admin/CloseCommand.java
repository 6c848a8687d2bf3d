package dev.ticketing.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "close",
    mixinStandardHelpOptions = true,
    description =
        "Closes a performance's sale for good, now: nobody more is admitted, every waiting or called buyer's next poll answers 410 sale_ended, reservations answer 410 sale_ended. Written to the audit log. Closing a closed sale changes nothing; there is no reopening.")
final class CloseCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Mixin OperatorName operator;

  @Parameters(paramLabel = "PERFORMANCE_ID", description = "the performance")
  long performanceId;

  @Override
  public Integer call() throws Exception {
    AdminStores stores = admin.stores();
    stores
        .out()
        .println(stores.<String>with(ctx -> SaleCommands.close(ctx, performanceId, operator.name)));
    return 0;
  }
}
