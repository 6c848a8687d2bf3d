package dev.ticketing.advancequeue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.figures.MinuteCounters;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.operations.AdvancerHeartbeat;
import dev.ticketing.queue.QueueAdvancer;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.SeatInventory;
import dev.ticketing.queue.TickResult;
import dev.ticketing.queue.TicketCounter;
import dev.ticketing.testing.EmfCapture;
import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The advancer: one tick over every open queue, and the minute of 5-second ticks an EventBridge
 * invocation runs. Capacity 2, claim window 10 s, and every holder told to poll again in 1 s (so an
 * unclaimed call lapses 11 s after a ticket issued at the tick, 10 s after later ones); a clock the
 * test moves (the sleeper moves it).
 */
class AdvanceQueueTest {
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static ApplicationContext ctx;
  private static ManualClock clock;

  @BeforeAll
  static void start() {
    ctx =
        ManualClock.context(
            FunctionEnvironments.ADVANCE_QUEUE,
            Map.of(
                "QUEUE_CAPACITY", "2",
                "CLAIM_WINDOW_SECONDS", "10",
                "POLL_AFTER_MIN_SECONDS", "1",
                "POLL_AFTER_MAX_SECONDS", "1"));
    clock = ManualClock.of(ctx);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @Test
  void aTickAdvancesEveryPerformanceWhoseSaleIsOpenAndNoOther() {
    Instant now = startAt(1);
    SaleWindow open = sale(now.minusSeconds(1), now.plus(Duration.ofDays(1)));
    SaleWindow alsoOpen = sale(now.minusSeconds(1), now.plus(Duration.ofDays(1)));
    SaleWindow notYet = sale(now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    SaleWindow ended = sale(now.minus(Duration.ofDays(1)), now.minusSeconds(1));
    for (SaleWindow s : List.of(open, alsoOpen, notYet, ended)) {
      issue(s, 3, s.opensAt());
    }

    AdvanceReport report = new AdvanceQueueFunction(ctx).execute(new ScheduledEvent());

    assertEquals(1, report.ticks());
    assertEquals(Optional.of(2L), called(report, open));
    assertEquals(Optional.of(2L), called(report, alsoOpen));
    assertEquals(Optional.empty(), called(report, notYet));
    assertEquals(Optional.empty(), called(report, ended));
  }

  @Test
  void aScheduledMinuteTicksEveryFiveSecondsAndTheQueueMovesWithNobodyPolling() throws Exception {
    Instant start = startAt(2);
    SaleWindow sale = sale(start.minusSeconds(1), start.plus(Duration.ofDays(1)));
    issue(sale, 30, start);
    List<Instant> ticks = new ArrayList<>();
    AdvanceCadence cadence = cadence(ticks);

    AdvanceReport report = cadence.run(start, AdvanceCadence.WINDOW);

    assertEquals(12, report.ticks());
    assertEquals(0, report.slotsMissed());
    List<Instant> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      expected.add(start.plus(INTERVAL.multipliedBy(i)));
    }
    assertEquals(expected, ticks);
    // Nobody claims: two calls at 0 s lapse at 15 s (due back at 1 s, + 10 s), then every 10 s the
    // two calls lapse and the next two are called: 6 rounds of two.
    TickResult last = result(report, sale).orElseThrow();
    assertEquals(30 - 12, last.waiting());
    assertEquals(2, last.pendingCalls());
  }

  @Test
  void anInvocationOverlappingAnotherTicksNoSlotTwice() throws Exception {
    Instant start = startAt(3);
    SaleWindow sale = sale(start.minusSeconds(1), start.plus(Duration.ofDays(1)));
    issue(sale, 30, start);
    List<Instant> firstTicks = new ArrayList<>();
    List<Instant> retryTicks = new ArrayList<>();

    AdvanceReport first = cadence(firstTicks).run(start, AdvanceCadence.WINDOW);
    clock.set(start.plusSeconds(20));
    AdvanceReport retry = cadence(retryTicks).run(start, AdvanceCadence.WINDOW);

    assertEquals(12, first.ticks());
    assertEquals(0, retry.ticks());
    assertEquals(List.of(), retryTicks);
    assertEquals(8, retry.slotsTakenElsewhere());
    assertEquals(4, retry.slotsMissed());
  }

  @Test
  void aLateInvocationSkipsTheSlotsItMissedInsteadOfBursting() throws Exception {
    Instant start = startAt(4);
    SaleWindow sale = sale(start.minusSeconds(1), start.plus(Duration.ofDays(1)));
    issue(sale, 30, start);
    clock.set(start.plusSeconds(22));
    List<Instant> ticks = new ArrayList<>();

    AdvanceReport report = cadence(ticks).run(start, AdvanceCadence.WINDOW);

    assertEquals(4, report.slotsMissed());
    assertEquals(8, report.ticks());
    assertEquals(start.plusSeconds(22), ticks.get(0), "the current slot at once");
    assertEquals(start.plusSeconds(25), ticks.get(1));
    assertTrue(result(report, sale).orElseThrow().pendingCalls() <= 2);
  }

  @Test
  void everyTickWritesOneEmfLineOfTheTicketsItCalledAndThoseStillWaiting() {
    Instant now = startAt(10);
    SaleWindow open = sale(now.minusSeconds(1), now.plus(Duration.ofDays(1)));
    issue(open, 3, open.opensAt());

    List<TickResult> results;
    List<Map<String, Object>> lines;
    try (EmfCapture emf = new EmfCapture(ctx.getBean(JsonMapper.class))) {
      results = ctx.getBean(AdvanceQueueJob.class).tick();
      lines = emf.lines();
    }

    // Capacity 2 of 3 tickets: 2 called, 1 waiting here; other tests' sales may still be open.
    TickResult mine =
        results.stream().filter(r -> r.performanceId() == open.performanceId()).findFirst().get();
    assertEquals(2, mine.called());
    assertEquals(1, mine.waiting());
    assertEquals(1, lines.size(), lines.toString());
    Map<String, Object> line = lines.get(0);
    Map<String, Object> aws = EmfCapture.aws(line);
    assertEquals(now.toEpochMilli(), ((Number) aws.get("Timestamp")).longValue());
    assertEquals(
        EmfCapture.directive(List.of(), "Admissions", "QueueDepth"), aws.get("CloudWatchMetrics"));
    assertEquals(
        results.stream().mapToLong(TickResult::called).sum(),
        ((Number) line.get("Admissions")).longValue());
    assertEquals(
        results.stream().mapToLong(TickResult::waiting).sum(),
        ((Number) line.get("QueueDepth")).longValue());
  }

  @Test
  void aTickWithNoSaleOpenWritesNoMetricLine() {
    clock.set(startAt(11).plus(Duration.ofDays(3650)));
    try (EmfCapture emf = new EmfCapture(ctx.getBean(JsonMapper.class))) {
      assertEquals(List.of(), ctx.getBean(AdvanceQueueJob.class).tick());
      assertEquals(List.of(), emf.lines());
    }
  }

  @Test
  void aMinuteWithNoSaleOpenReturnsAtOnce() throws Exception {
    Instant farFuture = startAt(1).plus(Duration.ofDays(3650));
    clock.set(farFuture);
    List<Instant> ticks = new ArrayList<>();

    AdvanceReport report = cadence(ticks).run(farFuture, AdvanceCadence.WINDOW);

    assertEquals(new AdvanceReport(0, 0, 0, 0, List.of()), report);
    assertEquals(farFuture, clock.instant(), "it did not wait for a single slot");
  }

  @Test
  void theHandlerRunsTheMinuteOfItsScheduledEvent() {
    try (ApplicationContext real = TestStores.context(FunctionEnvironments.ADVANCE_QUEUE)) {
      Clock wall = real.getBean(Clock.class);
      TestPerformances.create(real, 1, 1);
      long step = INTERVAL.toMillis();
      Instant slot = Instant.ofEpochMilli(wall.millis() / step * step);
      ScheduledEvent event = new ScheduledEvent();
      event.setTime(new DateTime(slot.minusSeconds(50).toEpochMilli()));

      AdvanceReport report = new AdvanceQueueFunction(real).execute(event);

      // The slots of the first 50 s are past; the current one and the last one are ticked.
      assertEquals(12, report.ticks() + report.slotsMissed() + report.slotsTakenElsewhere());
      assertTrue(report.ticks() >= 1, report.toString());
      assertTrue(report.slotsMissed() >= 10, report.toString());
    }
  }

  @Test
  void everyTickTellsOperatorsWhichQueueCapacityTheQueuesRunWith() {
    Instant at = startAt(9);

    ctx.getBean(AdvanceQueueJob.class).tick();

    AdvancerHeartbeat.Beat beat = ctx.getBean(AdvancerHeartbeat.class).last().orElseThrow();
    assertEquals(ctx.getBean(QueueRules.class).defaultCapacity(), beat.queueCapacity());
    assertEquals(at, beat.at());
  }

  /** A window start of its own for each test (slots are claimed in Redis by their time). */
  private static Instant startAt(int test) {
    long step = INTERVAL.toMillis();
    long now = System.currentTimeMillis() / step * step;
    Instant start = Instant.ofEpochMilli(now).plus(Duration.ofMinutes(10L * test));
    clock.set(start);
    return start;
  }

  private static AdvanceCadence cadence(List<Instant> ticks) {
    AdvanceQueueJob job = ctx.getBean(AdvanceQueueJob.class);
    AdvanceQueueJob recording =
        new AdvanceQueueJob(
            ctx.getBean(SaleWindows.class),
            ctx.getBean(QueueAdvancer.class),
            ctx.getBean(UnsettledReservations.class),
            ctx.getBean(HoldSweep.class),
            clock,
            ctx.getBean(AdvancerHeartbeat.class),
            ctx.getBean(QueueRules.class),
            ctx.getBean(TickMetrics.class),
            ctx.getBean(SeatInventory.class),
            ctx.getBean(MinuteCounters.class)) {
          @Override
          public List<TickResult> tick() {
            ticks.add(clock.instant());
            return job.tick();
          }
        };
    return new AdvanceCadence(
        recording,
        ctx.getBean(HoldSweep.class),
        ctx.getBean(TickSlots.class),
        clock,
        clock::advance,
        INTERVAL);
  }

  private static SaleWindow sale(Instant opens, Instant closes) {
    return SaleWindows.of(TestPerformances.create(ctx, 1, 1, opens, closes));
  }

  private static void issue(SaleWindow sale, int count, Instant at) {
    TicketCounter counter = ctx.getBean(TicketCounter.class);
    for (int i = 0; i < count; i++) {
      counter.issue(sale, at);
    }
  }

  private static Optional<TickResult> result(AdvanceReport report, SaleWindow sale) {
    return report.lastTick().stream()
        .filter(r -> r.performanceId() == sale.performanceId())
        .findFirst();
  }

  private static Optional<Long> called(AdvanceReport report, SaleWindow sale) {
    return result(report, sale).map(TickResult::called);
  }
}
