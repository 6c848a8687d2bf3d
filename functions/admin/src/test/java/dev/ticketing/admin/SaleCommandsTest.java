package dev.ticketing.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.operations.OperatorAction;
import dev.ticketing.operations.SaleOperations;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.SalePause;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.TicketCounter;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code admin pause} and {@code admin resume} against real stores, and their audit log. */
class SaleCommandsTest {
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

  private int run(String... args) {
    return AdminCommand.run(
        args,
        TestStores.environment(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void pauseStopsAdmissionResumeRestartsItAndBothAreInTheAuditLog() {
    SaleWindow sale = SaleWindows.of(TestPerformances.create(ctx, 1, 10));
    Instant now = Instant.now();
    for (int i = 0; i < 5; i++) {
      ctx.getBean(TicketCounter.class).issue(sale, now);
    }
    String id = Long.toString(sale.performanceId());

    assertEquals(0, run("pause", id, "--by", "ana"), err.toString());
    assertTrue(out.toString().contains("pause by ana"), out.toString());
    assertTrue(out.toString().contains("running -> paused"), out.toString());
    assertTrue(ctx.getBean(SalePause.class).paused(sale.performanceId()));
    assertEquals(0, ctx.getBean(QueueAdvancer.class).advance(sale, now).called());

    assertEquals(0, run("queue-status", id), err.toString());
    assertTrue(out.toString().contains("; sale PAUSED"), out.toString());

    assertEquals(0, run("resume", id, "--by", "ana"), err.toString());
    assertFalse(ctx.getBean(SalePause.class).paused(sale.performanceId()));
    assertEquals(3, ctx.getBean(QueueAdvancer.class).advance(sale, Instant.now()).called());

    List<OperatorAction> log = ctx.getBean(SaleOperations.class).latest(sale.performanceId(), 10);
    assertEquals(List.of("resume", "pause"), log.stream().map(OperatorAction::action).toList());
    assertEquals("paused", log.get(0).before());
    assertTrue(log.get(0).after().startsWith("running (after a pause of "), log.get(0).after());
    assertEquals("running", log.get(1).before());
    assertEquals("paused", log.get(1).after());
    assertTrue(log.stream().allMatch(a -> a.operator().equals("ana")));
  }

  @Test
  void setCapacityIsInTheAuditLogWithTheCapacityBeforeAndAfter() {
    SaleWindow sale = SaleWindows.of(TestPerformances.create(ctx, 1, 1));
    String id = Long.toString(sale.performanceId());

    assertEquals(0, run("set-capacity", id, "7", "--by", "bo"), err.toString());
    assertEquals(0, run("set-capacity", id, "9", "--by", "bo"), err.toString());

    List<OperatorAction> log = ctx.getBean(SaleOperations.class).latest(sale.performanceId(), 5);
    assertEquals(2, log.size());
    assertEquals("set-capacity", log.get(0).action());
    assertEquals("bo", log.get(0).operator());
    assertEquals("capacity 7", log.get(0).before());
    assertEquals("capacity 9", log.get(0).after());
    assertEquals("capacity QUEUE_CAPACITY", log.get(1).before(), "the advancer's, not ours");
    assertEquals("capacity 7", log.get(1).after());
  }

  @Test
  void closeEndsTheSaleForGoodAndIsInTheAuditLog() {
    SaleWindow sale = SaleWindows.of(TestPerformances.create(ctx, 1, 10));
    ctx.getBean(TicketCounter.class).issue(sale, Instant.now());
    String id = Long.toString(sale.performanceId());

    assertEquals(0, run("close", id, "--by", "cy"), err.toString());
    assertTrue(out.toString().contains("close by cy"), out.toString());
    assertTrue(out.toString().contains("running -> closed"), out.toString());
    assertEquals(0, run("close", id, "--by", "cy"), err.toString());

    Instant now = Instant.now();
    assertTrue(
        ctx.getBean(SaleWindows.class).onSale(now).stream()
            .noneMatch(s -> s.performanceId() == sale.performanceId()),
        "the advancer ticks it no more");
    assertEquals(
        SalePause.Gate.CLOSED, ctx.getBean(SalePause.class).gate(sale.performanceId(), now));
    List<OperatorAction> log = ctx.getBean(SaleOperations.class).latest(sale.performanceId(), 5);
    assertEquals(List.of("close", "close"), log.stream().map(OperatorAction::action).toList());
    assertEquals("closed", log.get(0).before(), "closing a closed sale changes nothing");
    assertEquals("running", log.get(1).before());
  }

  @Test
  void eachSubcommandHasItsHelpAndBadUsageChangesNothing() {
    assertEquals(0, run("pause", "--help"));
    assertTrue(out.toString().contains("Usage: admin pause"), out.toString());
    assertTrue(out.toString().contains("--by=NAME"), out.toString());
    assertEquals(0, run("resume", "--help"));
    assertTrue(out.toString().contains("Usage: admin resume"), out.toString());
    assertEquals(2, run("pause"));
    assertEquals(2, run("resume", "x"));
    assertEquals(1, run("pause", "999999999"));
    assertTrue(err.toString().contains("no performance 999999999"), err.toString());
  }
}
