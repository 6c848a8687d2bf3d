package dev.ticketing.admin;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Checks a performance's sale in the database: no seat in two reservations, the seats taken (HELD or RESERVED) exactly the seats in reservations, nobody over the seat limit and, with --reservations, every 201 a load test's clients saw in the database with its seats. Read-only; exit status 0 when all hold, 1 otherwise.")
final class AuditCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;

  @Parameters(paramLabel = "PERFORMANCE_ID", description = "the performance")
  long performanceId;

  @Option(
      names = "--reservations",
      paramLabel = "FILE",
      description =
          "a run's reservations.jsonl (loadtest/results/<run>/): the 201s the clients saw")
  Path reservations;

  @Option(
      names = "--max-seats",
      paramLabel = "N",
      description = "the seat limit per buyer (default: MAX_SEATS_PER_HOLDER)")
  Integer maxSeats;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    AdminStores stores = admin.stores();
    Audit.Outcome outcome =
        stores.with(
            ctx -> {
              List<ClientReservation> seen =
                  reservations == null ? null : readJsonLines(ctx, reservations);
              return Audit.run(ctx, performanceId, maxSeats, seen);
            });
    stores.out().println(json ? outcome.json() : outcome.report().text());
    return outcome.report().correct() ? 0 : 1;
  }

  static List<ClientReservation> readJsonLines(ApplicationContext ctx, Path file)
      throws IOException {
    JsonMapper mapper = ctx.getBean(JsonMapper.class);
    List<ClientReservation> seen = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        seen.add(mapper.readValue(line, ClientReservation.class));
      }
    }
    return seen;
  }

  /** The audit with the deployment's seat limit, shared by the command and the Lambda. */
  static final class Audit {
    private Audit() {}

    record Outcome(ReservationAudit.Report report, String json) {}

    static Outcome run(
        ApplicationContext ctx, long performanceId, Integer maxSeats, List<ClientReservation> seen)
        throws IOException {
      int limit =
          maxSeats != null
              ? maxSeats
              : ctx.getBean(dev.ticketing.settings.Settings.class).seats().maxSeatsPerHolder();
      try {
        ReservationAudit.Report report =
            new ReservationAudit(ctx.getBean(DataSource.class)).audit(performanceId, limit, seen);
        return new Outcome(report, ctx.getBean(JsonMapper.class).writeValueAsString(report));
      } catch (java.sql.SQLException e) {
        throw new AdminException("the audit's queries failed: " + e.getMessage());
      }
    }
  }
}
