package dev.ticketing.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.operations.AdvancerHeartbeat;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.TicketCounter;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator reads a queue and changes its capacity at run time, against real stores. */
class QueueCommandsTest {
  private static ApplicationContext ctx;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.ADVANCE_QUEUE, Map.of("QUEUE_CAPACITY", "3"));
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  /** The operator's own environment: QUEUE_CAPACITY left at its default, unlike the advancer's. */
  private int run(String... args) {
    Map<String, String> env = new HashMap<>(TestStores.environment());
    return AdminCommand.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void anOperatorSeesTheCapacityTheAdvancerRunsWithAndChangesItForTheNextTick() {
    SaleWindow sale = SaleWindows.of(TestPerformances.create(ctx, 1, 1));
    Instant now = Instant.now();
    for (int i = 0; i < 10; i++) {
      ctx.getBean(TicketCounter.class).issue(sale, now);
    }
    // What the advancer (QUEUE_CAPACITY 3) does at each tick: report, then advance.
    ctx.getBean(AdvancerHeartbeat.class).beat(now, ctx.getBean(QueueRules.class).defaultCapacity());
    ctx.getBean(QueueAdvancer.class).advance(sale, now);
    String id = Long.toString(sale.performanceId());

    assertEquals(0, run("queue-status", id), err.toString());
    assertTrue(
        out.toString()
            .contains(
                "performance "
                    + id
                    + ": 7 waiting, 3 called, 0 active, capacity 3 (QUEUE_CAPACITY of the running"
                    + " advancer; last tick "),
        out.toString());
    assertTrue(out.toString().contains("0.0 admitted per minute, 10 tickets issued"));

    assertEquals(0, run("set-capacity", id, "5"), err.toString());
    ctx.getBean(QueueAdvancer.class).advance(sale, now);
    assertEquals(0, run("queue-status", id), err.toString());

    assertTrue(
        out.toString()
            .contains(
                "5 waiting, 5 called, 0 active, capacity 5 (set by an operator (set-capacity);"
                    + " the advancer's QUEUE_CAPACITY is 3"),
        out.toString());
  }

  @Test
  void withoutAnAdvancersReportTheCommandSaysItShowsItsOwnSetting() {
    SaleWindow sale = SaleWindows.of(TestPerformances.create(ctx, 1, 1));
    ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"))
        .sync()
        .del(AdvancerHeartbeat.KEY);

    assertEquals(0, run("queue-status", Long.toString(sale.performanceId())), err.toString());

    assertTrue(
        out.toString()
            .contains(
                "capacity 100 (QUEUE_CAPACITY of this command's environment: no advancer reported"),
        out.toString());
  }

  @Test
  void anUnknownPerformanceOrABadNumberIsRefused() {
    assertEquals(1, run("queue-status", "999999999"));
    assertTrue(err.toString().contains("no performance 999999999"), err.toString());
    assertEquals(1, run("set-capacity", "999999999", "10"));
    assertEquals(2, run("set-capacity", "1", "0"));
    assertEquals(2, run("set-capacity", "1", "100001"));
    assertEquals(2, run("set-capacity", "x", "10"));
    assertEquals(2, run("queue-status"));
  }
}
