package dev.ticketing.admin;

import dev.ticketing.catalog.InvalidLayoutException;
import dev.ticketing.settings.InvalidSettingException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The operator command, run against the stores its environment names ({@code DATABASE_URL}, {@code
 * REDIS_URL}, or on AWS the same commands through the admin Lambda, {@link AdminFunction}):
 *
 * <pre>
 *   java -jar admin-lambda.jar --help                  # the commands
 *   java -jar admin-lambda.jar audit --help            # one command's options
 * </pre>
 *
 * <p>A new command is one class annotated {@code @Command} (with {@code mixinStandardHelpOptions}
 * for its {@code --help}) that reaches the stores through {@link #stores()}, listed in {@code
 * subcommands} below. Exit status: 0 done (an audit found nothing wrong), 1 failed (or the audit
 * found a problem), 2 bad usage.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Operator commands of the ticketing service.",
    subcommands = {
      MigrateCommand.class,
      ResetCommand.class,
      QueueStatusCommand.class,
      SetCapacityCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      CloseCommand.class,
      SetTollCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "The stores come from the environment: DATABASE_URL (+ DATABASE_USER, DATABASE_PASSWORD or"
          + " DATABASE_SECRET_ARN), REDIS_URL; see the README's configuration table."
    })
public final class AdminCommand implements Runnable {
  @Spec CommandSpec spec;

  private final AdminStores stores;

  AdminCommand(AdminStores stores) {
    this.stores = stores;
  }

  /** The stores of this run, for the subcommands ({@code @ParentCommand}). */
  AdminStores stores() {
    return stores;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs one command line; returns the exit status. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new AdminCommand(new AdminStores(env, out)));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println(e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof InvalidSettingException
              || e instanceof InvalidLayoutException
              || e instanceof AdminException) {
            err.println(e.getMessage());
            return 1;
          }
          if (e instanceof IOException) {
            err.println("cannot read: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return cli.execute(args);
  }
}
