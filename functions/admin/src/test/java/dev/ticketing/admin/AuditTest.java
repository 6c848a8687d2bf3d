package dev.ticketing.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit of a sale, through the command (a local database) and through the admin Lambda's JSON
 * (as on AWS), on real rows: a correct sale passes, and each kind of damage is found and counted.
 */
class AuditTest {
  private static ApplicationContext ctx;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.ADMIN);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  private static DataSource db() {
    return DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
  }

  private int run(String... args) {
    return AdminCommand.run(
        args,
        TestStores.environment(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** A sold seat the way a committed reservation leaves it. */
  private static String reserve(Performance p, String holder, List<Long> seatIds) throws Exception {
    String id = UUID.randomUUID().toString();
    try (Connection c = db().getConnection()) {
      try (PreparedStatement r =
          c.prepareStatement(
              "INSERT INTO reservations (id, performance_id, holder, created_at, total)"
                  + " VALUES (?, ?, ?, ?, 0)")) {
        r.setString(1, id);
        r.setLong(2, p.id());
        r.setString(3, holder);
        r.setTimestamp(4, Timestamp.from(Instant.now()));
        r.executeUpdate();
      }
      for (long seat : seatIds) {
        sql(
            c,
            "INSERT INTO reservation_seats (reservation_id, seat_id) VALUES ('"
                + id
                + "', "
                + seat
                + ")");
        sql(c, "UPDATE seats SET status = 'RESERVED', version = version + 1 WHERE id = " + seat);
      }
    }
    return id;
  }

  private static void sql(Connection c, String statement) throws Exception {
    try (PreparedStatement s = c.prepareStatement(statement)) {
      s.executeUpdate();
    }
  }

  private static List<Long> seats(Performance p) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = db().getConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT id FROM seats WHERE performance_id = ? ORDER BY id")) {
      q.setLong(1, p.id());
      try (var r = q.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  private Path jsonl(String... lines) throws Exception {
    Path file = dir.resolve("reservations.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static String line(String reservationId, List<Long> seatIds) {
    return "{\"reservationId\":\""
        + reservationId
        + "\",\"seatIds\":"
        + seatIds
        + ",\"time\":1764400000.5}";
  }

  @Test
  void aCleanSaleIsCorrectAndEveryClient201IsFound() throws Exception {
    Performance p = TestPerformances.create(ctx, 2, 5);
    List<Long> seats = seats(p);
    String a = reserve(p, "buyer-a", seats.subList(0, 2));
    String b = reserve(p, "buyer-b", seats.subList(2, 6));

    Path file = jsonl(line(a, seats.subList(0, 2)), line(b, seats.subList(2, 6)));
    assertEquals(
        0, run("audit", Long.toString(p.id()), "--reservations", file.toString()), out + " " + err);

    String report = out.toString();
    assertTrue(report.contains("audit of performance " + p.id() + ": CORRECT"), report);
    assertTrue(report.contains("seats taken (HELD or RESERVED): 6"), report);
    assertTrue(report.contains("seats in reservations: 6"), report);
    assertTrue(report.contains("201s the clients saw: 2"), report);
    assertTrue(report.contains("of those, missing or with other seats in the database: 0"), report);
  }

  @Test
  void aMissing201AStrayReservedSeatAndAHolderOverTheLimitAreEachFound() throws Exception {
    Performance p = TestPerformances.create(ctx, 2, 5);
    List<Long> seats = seats(p);
    String kept = reserve(p, "buyer-a", seats.subList(0, 1));
    reserve(p, "greedy", seats.subList(1, 6));
    try (Connection c = db().getConnection()) {
      sql(c, "UPDATE seats SET status = 'RESERVED' WHERE id = " + seats.get(9));
    }
    String lost = UUID.randomUUID().toString();
    Path file = jsonl(line(kept, seats.subList(0, 1)), line(lost, List.of(seats.get(8))));

    assertEquals(
        1,
        run("audit", Long.toString(p.id()), "--reservations", file.toString(), "--json"),
        err.toString());

    ReservationAudit.Report r =
        ctx.getBean(JsonMapper.class).readValue(out.toString(), ReservationAudit.Report.class);
    assertFalse(r.correct());
    assertEquals(0, r.doubleBookings());
    assertEquals(1, r.statusMismatches());
    assertEquals(7, r.seatsReserved());
    assertEquals(6, r.seatsInReservations());
    assertEquals(1, r.holdersOverLimit());
    assertEquals(2, r.clientReservations());
    assertEquals(1, r.clientReservationsMissing());
    assertEquals(1, r.reservationsUnseenByClients());
    assertTrue(r.examples().stream().anyMatch(e -> e.contains(lost)), r.examples().toString());
    assertTrue(r.examples().stream().anyMatch(e -> e.contains("greedy holds 5 seats")));
  }

  @Test
  void theAdminLambdaAuditsAndResetsFromJsonCommands() throws Exception {
    Performance p = TestPerformances.create(ctx, 1, 4);
    List<Long> seats = seats(p);
    String a = reserve(p, "buyer-a", seats.subList(0, 2));
    AdminFunction lambda = new AdminFunction(TestStores.environment());

    Map<String, Object> audit =
        invoke(
            lambda,
            "{\"command\":\"audit\",\"performanceId\":"
                + p.id()
                + ",\"reservations\":["
                + line(a, seats.subList(0, 2))
                + "]}");
    assertEquals(true, audit.get("correct"), audit.toString());
    assertEquals(1, ((Number) audit.get("clientReservations")).intValue());
    assertEquals(4, ((Number) audit.get("maxSeatsPerHolder")).intValue());

    String layout = Files.readString(Path.of("../../docs/layout-example.json"));
    Map<String, Object> reset = invoke(lambda, "{\"command\":\"reset\",\"layout\":" + layout + "}");
    long created = ((Number) reset.get("performanceId")).longValue();
    assertTrue(created > p.id(), reset.toString());
    assertTrue(((Number) reset.get("seats")).intValue() > 0);
    Map<String, Object> fresh =
        invoke(lambda, "{\"command\":\"audit\",\"performanceId\":" + created + "}");
    assertEquals(true, fresh.get("correct"));
    assertEquals(0, ((Number) fresh.get("seatsReserved")).intValue());

    Map<String, Object> refused = invoke(lambda, "{\"command\":\"drop-everything\"}");
    assertEquals("bad_command", refused.get("error"));
    assertEquals("bad_command", invoke(lambda, "not json").get("error"));
    assertEquals(
        "bad_command",
        invoke(lambda, "{\"command\":\"audit\",\"performanceId\":999999999}").get("error"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> invoke(AdminFunction lambda, String json) throws Exception {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    lambda.handleRequest(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), answer, null);
    return ctx.getBean(JsonMapper.class).readValue(answer.toByteArray(), Map.class);
  }
}
