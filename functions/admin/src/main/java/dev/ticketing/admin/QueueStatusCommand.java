package dev.ticketing.admin;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "queue-status",
    mixinStandardHelpOptions = true,
    description =
        "Shows a performance's queue: waiting, called and active buyers, the capacity it runs with and where that comes from (an operator's set-capacity, else the running advancer's QUEUE_CAPACITY), the admission rate and the tickets issued.")
final class QueueStatusCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;

  @Parameters(paramLabel = "PERFORMANCE_ID", description = "the performance")
  long performanceId;

  @Override
  public Integer call() throws Exception {
    AdminStores stores = admin.stores();
    stores
        .out()
        .println(
            stores
                .with(ctx -> QueueStatus.read(ctx, performanceId, Clock.systemUTC().instant()))
                .text());
    return 0;
  }
}
