package dev.ticketing.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Applies pending migrations (as the user DATABASE_USER names, which must own the schema), then, when APP_DATABASE_USER is set, creates that user if missing and grants it the rows of every table and EXECUTE on every procedure.")
final class MigrateCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;

  @Override
  public Integer call() throws Exception {
    AdminStores stores = admin.stores();
    var settings = stores.settings();
    stores.out().println(stores.with(settings, ctx -> Migration.run(ctx, settings)).text());
    return 0;
  }
}
