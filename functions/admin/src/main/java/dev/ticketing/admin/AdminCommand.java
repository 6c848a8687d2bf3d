package dev.ticketing.admin;

import dev.ticketing.catalog.InvalidLayoutException;
import dev.ticketing.catalog.LayoutFile;
import dev.ticketing.catalog.LayoutImporter;
import dev.ticketing.catalog.Performance;
import dev.ticketing.db.Migrations;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.function.SecretResolver;
import dev.ticketing.queue.QueueControl;
import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The operator command, run against any database named by {@code DATABASE_URL} (on AWS, through the
 * bastion's port forward):
 *
 * <pre>
 *   java -jar admin.jar migrate
 *   java -jar admin.jar create-performance layout.json
 *   java -jar admin.jar queue-status 1
 *   java -jar admin.jar set-capacity 1 250
 * </pre>
 */
public final class AdminCommand {
  private static final String USAGE =
      "usage: admin migrate | admin create-performance <layout.json>"
          + " | admin queue-status <performanceId> | admin set-capacity <performanceId> <capacity>";

  private AdminCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs one command; returns the process exit code (0 ok, 1 failed, 2 bad usage). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    try {
      return switch (args[0]) {
        case "migrate" -> withContext(env, ctx -> migrate(ctx, out));
        case "create-performance" -> {
          if (args.length != 2) {
            err.println(USAGE);
            yield 2;
          }
          yield withContext(env, ctx -> createPerformance(ctx, Path.of(args[1]), out));
        }
        case "queue-status" -> {
          if (args.length != 2 || !positive(args[1])) {
            err.println(USAGE);
            yield 2;
          }
          yield withContext(
              env, ctx -> QueueCommands.status(ctx, Long.parseLong(args[1]), out, err));
        }
        case "set-capacity" -> {
          if (args.length != 3
              || !positive(args[1])
              || !positive(args[2])
              || args[2].length() > 6
              || Integer.parseInt(args[2]) > QueueControl.MAX_CAPACITY) {
            err.println(USAGE);
            yield 2;
          }
          yield withContext(
              env,
              ctx ->
                  QueueCommands.setCapacity(
                      ctx, Long.parseLong(args[1]), Integer.parseInt(args[2]), out, err));
        }
        default -> {
          err.println("unknown command " + Arrays.toString(args) + "\n" + USAGE);
          yield 2;
        }
      };
    } catch (InvalidSettingException | InvalidLayoutException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("cannot read layout: " + e.getMessage());
      return 1;
    }
  }

  private static int migrate(ApplicationContext ctx, PrintStream out) {
    Migrations.Result result = Migrations.apply(ctx.getBean(DataSource.class));
    out.println(
        "applied " + result.applied() + " migration(s); schema version " + result.schemaVersion());
    return 0;
  }

  private static int createPerformance(ApplicationContext ctx, Path layoutFile, PrintStream out)
      throws IOException {
    Migrations.apply(ctx.getBean(DataSource.class));
    LayoutFile layout;
    try {
      layout =
          ctx.getBean(JsonMapper.class).readValue(Files.readAllBytes(layoutFile), LayoutFile.class);
    } catch (IOException e) {
      if (!Files.isReadable(layoutFile)) {
        throw e;
      }
      throw new InvalidLayoutException("not valid JSON (" + e.getMessage() + ")");
    }
    if (layout == null) {
      throw new InvalidLayoutException("the file is empty");
    }
    Performance p = ctx.getBean(LayoutImporter.class).create(layout, Clock.systemUTC().instant());
    out.println(
        "created performance "
            + p.id()
            + " ("
            + p.name()
            + ") with "
            + layout.seatCount()
            + " seats; sale opens "
            + p.saleOpensAt());
    return 0;
  }

  private static boolean positive(String number) {
    return number.matches("[1-9][0-9]{0,17}");
  }

  private interface ContextAction {
    int apply(ApplicationContext ctx) throws IOException;
  }

  private static int withContext(Map<String, String> env, ContextAction action) throws IOException {
    Map<String, String> resolved = new HashMap<>(env);
    resolved.putAll(SecretResolver.resolve(Settings.from(resolved)));
    try (ApplicationContext ctx =
        FunctionContexts.start(FunctionEnvironments.ADMIN, Settings.from(resolved))) {
      return action.apply(ctx);
    }
  }
}
