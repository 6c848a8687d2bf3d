package dev.ticketing.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reliability.hook.HaltAfterCommit;
import dev.ticketing.settings.Settings;
import dev.ticketing.testing.RedisServerProcess;
import dev.ticketing.testing.ServerProcess;
import dev.ticketing.testing.TestSessions;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into a running sale (docs/reliability.md). One local gateway (the README's jar, a
 * child process) on a redis-server and a mariadbd of the suite's own; each test opens a sale of its
 * own, lets concurrent buyers start, injects one fault mid-sale and lets them finish. After each:
 * no 500 (503 with Retry-After during an outage), every reservation a buyer was told of is in MySQL
 * with its seats and every one in MySQL was told to its buyer, no double booking and one
 * reservation per session, the live map equal to MySQL, and every buyer done without the gateway
 * being restarted (except when the fault is the gateway's own death).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {
  private static final int BUYERS = 24;
  private static final int ROWS = 3;
  private static final int SEATS_PER_ROW = 12;
  private static final Duration SALE_WITHIN = Duration.ofMinutes(3);

  private static MariaDbProcess db;
  private static RedisServerProcess redis;
  private static GatewayProcess gateway;
  private static SaleAudit audit;
  private static Report report;
  private static Path work;
  private static Path trigger;
  private static Map<String, String> gatewayEnv;

  @BeforeAll
  static void start() throws IOException {
    db = MariaDbProcess.start();
    redis = RedisServerProcess.start();
    audit = new SaleAudit(db);
    report = new Report(Path.of(System.getProperty("reliability.report")));
    work = Files.createTempDirectory("fault-gateway-");
    trigger = work.resolve("halt-after-commit");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", db.jdbcUrl());
    env.put("DATABASE_USER", "root");
    env.put("DATABASE_PASSWORD", "");
    env.put("REDIS_URL", redis.url());
    env.put("PORT", Integer.toString(freePort()));
    env.put("TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(key));
    env.put("QUEUE_CAPACITY", Integer.toString(BUYERS + 8));
    env.put("ADVANCE_INTERVAL_SECONDS", "1");
    // The buyers poll as the SPA does, when pollAfterSeconds says: a one-second cadence keeps each
    // sale short. They all come from this machine's one address: no per-address join limit.
    env.put("POLL_AFTER_MIN_SECONDS", "1");
    env.put("POLL_AFTER_MAX_SECONDS", "1");
    env.put("JOIN_LIMIT_PER_ADDRESS", "0");
    gatewayEnv = Map.copyOf(env);
    gateway =
        new GatewayProcess(
            Path.of(System.getProperty("reliability.gateway-jar")),
            Path.of(System.getProperty("reliability.hook-classes")),
            env,
            trigger,
            work.resolve("gateway.log"));
    gateway.start();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (gateway != null) {
        gateway.close();
        Files.copy(
            work.resolve("gateway.log"),
            reportDir().resolve("gateway.log"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      ServerProcess.deleteTree(work);
      if (redis != null) {
        redis.close();
      }
      if (db != null) {
        db.close();
      }
    }
  }

  @Test
  @Order(1)
  void redisKilledMidSaleIsA503OnEveryRouteAndTheSaleFinishes() throws Exception {
    Recorder recorder = new Recorder();
    Api api = new Api(gateway.port(), recorder);
    long performance = audit.createPerformance("Redis killed", ROWS, SEATS_PER_ROW);
    String probeQueue = (String) api.joinQueue(performance, null).body().get("queueToken");
    String probeAccess = admit(api, performance);
    try (Sale sale = Sale.start(api, performance, BUYERS, SALE_WITHIN)) {
      awaitReservations(sale, recorder, 5);

      redis.kill();
      long killed = System.nanoTime();
      assertEveryRedisRouteAnswers503(api, performance, probeQueue, probeAccess);
      sleepUntil(killed + TimeUnit.SECONDS.toNanos(3));
      redis.restart();
      long back = System.nanoTime();
      long firstAnswer = millisUntil(back, () -> answersWithoutRedisOutage(api, performance));

      List<Buyer.Outcome> outcomes = sale.finish(SALE_WITHIN);
      Checks checks = assertSaleConsistent(api, recorder, performance, outcomes, false);
      report.add(
          new Report.Row(
              "`kill -9` Redis mid-sale, restarted empty 3 s later",
              recorder.summary()
                  + "; while it was down, POST /queue, GET /queue, DELETE /queue, GET /seats and"
                  + " POST /reservations each answered 503 with Retry-After: 2 (the catalog, MySQL"
                  + " only, 200)",
              "Redis answered " + firstAnswer + " ms after its restart; " + mapAfter(checks),
              checks.data()));
    }
  }

  @Test
  @Order(2)
  void mariaDbFrozenForEightSecondsMidSale() throws Exception {
    Recorder recorder = new Recorder();
    Api api = new Api(gateway.port(), recorder);
    long performance = audit.createPerformance("MariaDB frozen", ROWS, SEATS_PER_ROW);
    try (Sale sale = Sale.start(api, performance, BUYERS, SALE_WITHIN)) {
      awaitReservations(sale, recorder, 5);

      db.freeze();
      Thread.sleep(8_000);
      db.thaw();
      long back = System.nanoTime();
      long firstAnswer = millisUntil(back, () -> catalogAnswers(api));

      List<Buyer.Outcome> outcomes = sale.finish(SALE_WITHIN);
      Checks checks = assertSaleConsistent(api, recorder, performance, outcomes, false);
      report.add(
          new Report.Row(
              "MariaDB frozen (`SIGSTOP`) for 8 s mid-sale",
              recorder.summary(),
              "MySQL answered " + firstAnswer + " ms after `SIGCONT`; " + mapAfter(checks),
              checks.data()));
    }
  }

  @Test
  @Order(3)
  void mariaDbKilledMidSaleAndRestarted() throws Exception {
    Recorder recorder = new Recorder();
    Api api = new Api(gateway.port(), recorder);
    long performance = audit.createPerformance("MariaDB killed", ROWS, SEATS_PER_ROW);
    try (Sale sale = Sale.start(api, performance, BUYERS, SALE_WITHIN)) {
      awaitReservations(sale, recorder, 5);

      db.kill();
      long killed = System.nanoTime();
      sleepUntil(killed + TimeUnit.SECONDS.toNanos(3));
      long restarting = System.nanoTime();
      db.restart();
      long back = System.nanoTime();
      long recovery = TimeUnit.NANOSECONDS.toMillis(back - restarting);
      long firstAnswer = millisUntil(back, () -> catalogAnswers(api));

      List<Buyer.Outcome> outcomes = sale.finish(SALE_WITHIN);
      Checks checks = assertSaleConsistent(api, recorder, performance, outcomes, false);
      report.add(
          new Report.Row(
              "`kill -9` MariaDB mid-sale, restarted 3 s later (its crash recovery took "
                  + recovery
                  + " ms)",
              recorder.summary(),
              "MySQL answered " + firstAnswer + " ms after the restart; " + mapAfter(checks),
              checks.data()));
    }
  }

  @Test
  @Order(4)
  void functionHostKilledBetweenCommitAndRedisStep() throws Exception {
    Recorder recorder = new Recorder();
    Api api = new Api(gateway.port(), recorder);
    long performance = audit.createPerformance("Host killed", ROWS, SEATS_PER_ROW);
    String probeAccess = admit(api, performance);
    Path victimFile = HaltAfterCommit.victimFile(trigger);
    try (Sale sale = Sale.start(api, performance, BUYERS, SALE_WITHIN)) {
      awaitReservations(sale, recorder, 5);

      Files.writeString(trigger, "halt");
      int exit = gateway.awaitExit(Duration.ofMinutes(1));
      Files.delete(trigger);
      String[] victim = Files.readString(victimFile).split(" ", 2);
      long restarting = System.nanoTime();
      gateway.start();
      long back = System.nanoTime();
      // Buyers hold and confirm again at once, so the map equals MySQL only in a quiet moment (the
      // end of the sale checks that): what the restart owes is every seat MySQL had taken when it
      // came back (the dead host's hold among them) shown taken.
      Set<Long> takenAtRestart = new HashSet<>(audit.reservedSeats(performance));
      takenAtRestart.addAll(audit.heldSeats(performance));
      long mapMillis =
          millisUntil(back, () -> mapShowsTaken(api, performance, probeAccess, takenAtRestart));

      List<Buyer.Outcome> outcomes = sale.finish(SALE_WITHIN);
      Checks checks = assertSaleConsistent(api, recorder, performance, outcomes, true);
      assertEquals(137, exit, "the hook halts the gateway");
      assertTrue(
          mapMillis <= 2_000, "the map showed MySQL's taken seats " + mapMillis + " ms after");
      Buyer.Outcome victimsOutcome =
          outcomes.stream()
              .filter(o -> victim[0].equals(o.sessionId()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no buyer of session " + victim[0]));
      assertEquals(200, victimsOutcome.status(), "the retry of the unanswered reservation");
      assertTrue(victimsOutcome.unansweredFirst());
      assertEquals(
          victimsOutcome.seats().toString(), victim[1], "the victim's seats, as the hook saw them");
      Api.Answer again =
          api.reserve(performance, victimsOutcome.accessToken(), otherSeat(performance));
      assertEquals(403, again.status(), String.valueOf(again.body()));
      assertEquals("session_ended", again.error());
      report.add(
          new Report.Row(
              "the function host (the gateway) dies (`Runtime.halt`, as `kill -9`) between a"
                  + " commit and its Redis step; restarted",
              recorder.summary()
                  + "; the unanswered buyer's retry: 200 with its reservation; another request"
                  + " of that session: 403 session_ended",
              "gateway back "
                  + TimeUnit.NANOSECONDS.toMillis(back - restarting)
                  + " ms after its restart began; every seat MySQL had taken shown taken "
                  + mapMillis
                  + " ms after it was back",
              checks.data()));
    }
  }

  /** What the checks found: how soon the map equalled MySQL after the sale, and the data checks. */
  private record Checks(long mapMillis, String data) {}

  /** The checks every fault ends with. */
  private static Checks assertSaleConsistent(
      Api api, Recorder recorder, long performance, List<Buyer.Outcome> outcomes, boolean hostDied)
      throws Exception {
    assertEquals(List.of(), recorder.serverErrors(), "500s, or 503s without Retry-After");
    if (!hostDied) {
      assertEquals(0, recorder.count(-1), "requests the gateway left unanswered");
    }
    Set<Long> sold = new HashSet<>();
    Set<String> told = new HashSet<>();
    int reserved = 0;
    for (Buyer.Outcome o : outcomes) {
      assertEquals(List.of(), o.unexpected(), "answers no buyer should get");
      assertTrue(o.kind() != Buyer.Kind.GAVE_UP, "a buyer did not finish");
      if (o.kind() == Buyer.Kind.RESERVED) {
        reserved++;
        told.add(o.reservationId());
        for (long seat : o.seats()) {
          assertTrue(sold.add(seat), "seat " + seat + " told to two buyers");
        }
      }
    }
    Map<String, SaleAudit.Row> inMySql = audit.reservations(performance);
    for (Buyer.Outcome o : outcomes) {
      if (o.kind() == Buyer.Kind.RESERVED) {
        SaleAudit.Row row = inMySql.get(o.reservationId());
        assertTrue(row != null, "reservation " + o.reservationId() + " is not in MySQL");
        assertEquals(o.seats(), row.seats(), "seats of " + o.reservationId());
        assertEquals(o.sessionId(), row.holder(), "session of " + o.reservationId());
        assertEquals(200, o.confirmStatus(), "the confirmation of " + o.reservationId());
      }
    }
    assertEquals(0, audit.unconfirmed(performance), "holds left unconfirmed in MySQL");
    assertEquals(List.of(), audit.heldSeats(performance), "seats left HELD in MySQL");
    assertEquals(told, inMySql.keySet(), "reservations in MySQL that no buyer was told of");
    assertEquals(0, audit.doubleBookings(performance), "double bookings in MySQL");
    assertEquals(List.copyOf(new TreeSet<>(sold)), audit.reservedSeats(performance));

    String viewer = viewer(performance);
    long finished = System.nanoTime();
    long mapMillis = millisUntil(finished, () -> mapEqualsMySql(api, performance, viewer));
    return new Checks(
        mapMillis,
        reserved
            + " reservations ("
            + sold.size()
            + " seats) told = in MySQL with their seats, 0 double bookings, one per session,"
            + " map = MySQL, no 500, "
            + outcomes.size()
            + " buyers done");
  }

  private static String mapAfter(Checks checks) {
    return "map = MySQL " + checks.mapMillis() + " ms after the sale";
  }

  /** While Redis is down: each route that needs it answers 503 with Retry-After. */
  private static void assertEveryRedisRouteAnswers503(
      Api api, long performance, String queueToken, String accessToken) throws Exception {
    List<Api.Answer> answers =
        List.of(
            api.joinQueue(performance, null),
            api.poll(performance, queueToken),
            api.seats(performance, accessToken),
            api.reserve(performance, accessToken, otherSeat(performance)),
            api.leave(performance, queueToken));
    for (Api.Answer a : answers) {
      assertEquals(503, a.status(), String.valueOf(a.body()));
      assertEquals("2", a.retryAfter());
      assertEquals("service_unavailable", a.error());
    }
    assertEquals(200, api.catalog().status(), "the catalog needs MySQL only");
  }

  private static boolean answersWithoutRedisOutage(Api api, long performance) {
    try {
      return api.joinQueue(performance, null).status() != 503;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean catalogAnswers(Api api) {
    try {
      return api.catalog().status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean mapShowsTaken(
      Api api, long performance, String accessToken, Set<Long> taken) {
    try {
      Api.Answer map = api.seats(performance, accessToken);
      if (map.status() != 200) {
        return false;
      }
      Set<Long> shown = new HashSet<>();
      for (Map<String, Object> seat : (List<Map<String, Object>>) map.body().get("seats")) {
        if (!"AVAILABLE".equals(seat.get("status"))) {
          shown.add(((Number) seat.get("id")).longValue());
        }
      }
      return shown.containsAll(taken);
    } catch (Exception e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean mapEqualsMySql(Api api, long performance, String accessToken) {
    try {
      Api.Answer map = api.seats(performance, accessToken);
      if (map.status() != 200) {
        return false;
      }
      List<Long> reserved = new ArrayList<>();
      List<Long> held = new ArrayList<>();
      for (Map<String, Object> seat : (List<Map<String, Object>>) map.body().get("seats")) {
        long id = ((Number) seat.get("id")).longValue();
        if ("RESERVED".equals(seat.get("status"))) {
          reserved.add(id);
        } else if ("HELD".equals(seat.get("status"))) {
          held.add(id);
        }
      }
      reserved.sort(null);
      held.sort(null);
      return reserved.equals(audit.reservedSeats(performance))
          && held.equals(audit.heldSeats(performance));
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * A viewer's access token for reading the map: a session opened in the suite's Redis and signed
   * with the gateway's key. After a sell-out the queue admits nobody (docs/queue.md, admission by
   * inventory), yet the map must still be read to compare it with MySQL.
   */
  private static String viewer(long performance) {
    // The suite's own reader, not the system under test: timeouts a loaded machine cannot miss
    // (the gateway's 250 ms default failed to connect at a load average of 25).
    Map<String, String> env = new HashMap<>(gatewayEnv);
    env.put("REDIS_COMMAND_TIMEOUT_MS", "5000");
    env.put("REDIS_CONNECT_TIMEOUT_MS", "5000");
    try (ApplicationContext ctx =
        FunctionContexts.start(FunctionEnvironments.LIST_SEATS, Settings.from(env))) {
      return TestSessions.open(ctx, performance).accessToken();
    }
  }

  /** Joins the queue and polls until admitted: an access token of a session that never buys. */
  private static String admit(Api api, long performance) throws Exception {
    String[] token = new String[1];
    ServerProcess.awaitTrue(
        () -> {
          try {
            String queue = (String) api.joinQueue(performance, null).body().get("queueToken");
            for (int i = 0; i < 15; i++) {
              Api.Answer poll = api.poll(performance, queue);
              if (poll.status() == 200 && "ADMITTED".equals(poll.body().get("status"))) {
                token[0] = (String) poll.body().get("accessToken");
                return true;
              }
              Thread.sleep(1_000); // the cadence (an earlier poll is a 429 poll_too_soon)
            }
            return false;
          } catch (Exception e) {
            return false;
          }
        },
        Duration.ofSeconds(60),
        () -> "not admitted to performance " + performance);
    return token[0];
  }

  /** A seat of the performance no request in these tests could have reserved by then. */
  private static List<Long> otherSeat(long performance) throws Exception {
    List<Long> reserved = audit.reservedSeats(performance);
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement("SELECT id FROM seats WHERE performance_id = ? ORDER BY id")) {
      s.setLong(1, performance);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (!reserved.contains(rs.getLong(1))) {
            return List.of(rs.getLong(1));
          }
        }
      }
    }
    return List.of(reserved.get(0));
  }

  private static void awaitReservations(Sale sale, Recorder recorder, int count) {
    ServerProcess.awaitTrue(
        () -> {
          assertEquals(List.of(), sale.crashed(), "buyers that crashed");
          return recorder.count("POST /reservations", 201) >= count;
        },
        Duration.ofSeconds(90),
        () -> {
          gateway.threadDump(reportDir().resolve("gateway-threads.txt"));
          return "fewer than " + count + " reservations: " + recorder.summary();
        });
  }

  /** Milliseconds from {@code since} until {@code condition} holds (polled every 50 ms). */
  private static long millisUntil(long since, BooleanSupplier condition) {
    ServerProcess.awaitTrue(condition::getAsBoolean, Duration.ofSeconds(60), () -> "never");
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** Where the report, the gateway's log and any thread dump go (the module's target). */
  private static Path reportDir() {
    return Path.of(System.getProperty("reliability.report")).getParent();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
