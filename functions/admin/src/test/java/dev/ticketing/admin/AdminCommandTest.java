package dev.ticketing.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.catalog.PerformanceRepository;
import dev.ticketing.catalog.PerformanceSummary;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator command against a real database (the test stores), through {@code main}'s path. */
class AdminCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return AdminCommand.run(
        args,
        TestStores.environment(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void createPerformanceBuildsEverySeatOfTheLayout() throws Exception {
    String name = "Layout " + UUID.randomUUID();
    Path layout = dir.resolve("layout.json");
    Files.writeString(
        layout,
        """
        {"name": "%s", "venue": "Hall", "startsAt": "2030-01-01T20:00:00Z",
         "saleOpensAt": "2029-12-01T10:00:00Z",
         "grades": [{"name": "VIP", "price": 150}, {"name": "A", "price": 50}],
         "zones": [{"name": "Floor", "rows": 4, "seatsPerRow": 12,
                    "grades": [{"fromRow": 1, "toRow": 1, "grade": "VIP"},
                               {"fromRow": 2, "toRow": 4, "grade": "A"}]}]}
        """
            .formatted(name));

    assertEquals(0, run("reset", layout.toString()), err.toString());

    try (ApplicationContext ctx = TestStores.context(FunctionEnvironments.ADMIN)) {
      PerformanceSummary created =
          ctx.getBean(PerformanceRepository.class).findSummaries().stream()
              .filter(p -> p.name().equals(name))
              .findFirst()
              .orElseThrow();
      assertEquals(48, created.seatCount());
      assertTrue(out.toString().contains("created performance " + created.id()));
    }
  }

  @Test
  void anInvalidLayoutExplainsItselfAndCreatesNothing() throws Exception {
    Path layout = dir.resolve("bad.json");
    Files.writeString(
        layout,
        """
        {"name": "Bad", "venue": "Hall", "startsAt": "2030-01-01T20:00:00Z",
         "grades": [{"name": "VIP", "price": 150}],
         "zones": [{"name": "Floor", "rows": 2, "seatsPerRow": 5,
                    "grades": [{"fromRow": 1, "toRow": 1, "grade": "VIP"}]}]}
        """);
    assertEquals(1, run("create-performance", layout.toString()));
    assertTrue(err.toString().contains("Floor row 2 has no grade"), err.toString());
  }

  @Test
  void malformedJsonIsReportedNotThrown() throws Exception {
    Path layout = dir.resolve("broken.json");
    Files.writeString(layout, "{\"name\": ");
    assertEquals(1, run("create-performance", layout.toString()));
    assertTrue(err.toString().contains("not valid JSON"), err.toString());
  }

  @Test
  void unknownCommandsPrintUsage() {
    assertEquals(2, run("drop-everything"));
    assertTrue(err.toString().contains("Usage: admin"), err.toString());
    assertEquals(2, run());
    assertTrue(err.toString().contains("name a command"), err.toString());
  }

  @Test
  void everyCommandExplainsItselfWithHelpWithoutTouchingTheStores() {
    Map<String, String> none = Map.of("DATABASE_URL", "jdbc:mysql://127.0.0.1:1/unreachable");
    for (String command :
        List.of(
            "migrate", "reset", "create-performance", "queue-status", "set-capacity", "audit")) {
      out.reset();
      int code =
          AdminCommand.run(
              new String[] {command, "--help"},
              none,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, code, command);
      assertTrue(out.toString().startsWith("Usage: admin "), command + ": " + out);
    }
    out.reset();
    assertEquals(0, run("--help"));
    for (String command : List.of("migrate", "reset", "queue-status", "set-capacity", "audit")) {
      assertTrue(out.toString().contains(command), "the overview lists " + command);
    }
  }

  @Test
  void withoutADatabaseTheCommandSaysWhichVariableToSet() {
    int code =
        AdminCommand.run(
            new String[] {"audit", "1"},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(err.toString().contains("DATABASE_URL: is required"), err.toString());
  }

  @Test
  void aBadDatabaseUrlNamesTheVariable() {
    int code =
        AdminCommand.run(
            new String[] {"migrate"},
            Map.of("DATABASE_URL", "postgres://nope"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(err.toString().contains("DATABASE_URL"), err.toString());
  }
}
