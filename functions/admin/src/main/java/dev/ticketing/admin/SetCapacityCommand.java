package dev.ticketing.admin;

import dev.ticketing.queue.QueueControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "set-capacity",
    mixinStandardHelpOptions = true,
    description =
        "Sets how many buyers of a performance may be in the seat map at once (active sessions + pending calls), overriding QUEUE_CAPACITY; the advancer applies it at its next tick. Lowering it calls nobody until the room is below it. Written to the audit log.")
final class SetCapacityCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;
  @Mixin OperatorName operator;

  @Parameters(index = "0", paramLabel = "PERFORMANCE_ID", description = "the performance")
  long performanceId;

  @Parameters(index = "1", paramLabel = "CAPACITY", description = "1 to 100000")
  int capacity;

  @Override
  public Integer call() throws Exception {
    if (capacity < 1 || capacity > QueueControl.MAX_CAPACITY) {
      throw new ParameterException(
          spec.commandLine(), "CAPACITY must be between 1 and " + QueueControl.MAX_CAPACITY);
    }
    AdminStores stores = admin.stores();
    String done =
        stores.<String>with(
            ctx -> SaleCommands.setCapacity(ctx, performanceId, capacity, operator.name));
    stores.out().println(done);
    return 0;
  }
}
