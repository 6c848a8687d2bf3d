package dev.ticketing.admin;

import io.micronaut.context.ApplicationContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand that changes one performance's sale state (pause, resume, close) in the operator's
 * name and prints what it did; each subclass names the {@link SaleCommands} step.
 */
abstract class SaleStateCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Mixin OperatorName operator;

  @Parameters(paramLabel = "PERFORMANCE_ID", description = "the performance")
  long performanceId;

  abstract String change(ApplicationContext ctx, long performanceId, String operator);

  @Override
  public Integer call() throws Exception {
    AdminStores stores = admin.stores();
    stores.out().println(stores.<String>with(ctx -> change(ctx, performanceId, operator.name)));
    return 0;
  }
}
