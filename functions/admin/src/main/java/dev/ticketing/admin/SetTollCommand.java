package dev.ticketing.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "set-toll",
    mixinStandardHelpOptions = true,
    description =
        "Sets the proof of work a token-less join of a performance must pay, live, in zero bits of SHA-256 (0 = no toll; 18 is about a second on a phone, docs/queue.md#the-toll), overriding JOIN_PROOF_DIFFICULTY. Re-joins with a live ticket's token never pay it. Written to the audit log.")
final class SetTollCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Mixin OperatorName operator;

  @Parameters(index = "0", paramLabel = "PERFORMANCE_ID", description = "the performance")
  long performanceId;

  @Parameters(index = "1", paramLabel = "BITS", description = "0 to 32")
  int bits;

  @Override
  public Integer call() throws Exception {
    AdminStores stores = admin.stores();
    stores
        .out()
        .println(
            stores.<String>with(
                ctx -> SaleCommands.setToll(ctx, performanceId, bits, operator.name)));
    return 0;
  }
}
