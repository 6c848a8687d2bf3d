package dev.ticketing.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "reset",
    aliases = "create-performance",
    mixinStandardHelpOptions = true,
    description =
        "Creates a fresh performance and all its seats from a layout file (example: docs/layout-example.json), validated first, in one transaction. Run migrate first on a new database.")
final class ResetCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;

  @Parameters(paramLabel = "LAYOUT_JSON", description = "the layout file")
  Path layoutFile;

  @Override
  public Integer call() throws Exception {
    byte[] json = Files.readAllBytes(layoutFile);
    AdminStores stores = admin.stores();
    stores.out().println(stores.with(ctx -> Reset.create(ctx, Reset.parse(ctx, json))).text());
    return 0;
  }
}
