package dev.ticketing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator's pause against the real Redis: capacity 3, retention 120 s, claim window 60 s,
 * sessions of 300 s, every answer's cadence 5 s. The pauses here last ten times the retention.
 */
class SalePauseTest {
  private static final Duration CADENCE = Duration.ofSeconds(5);
  private static final Duration RETENTION = Duration.ofSeconds(120);
  private static final Duration LONG_PAUSE = RETENTION.multipliedBy(10);
  private static QueueFixture q;
  private static SalePause pause;

  @BeforeAll
  static void start() {
    q =
        QueueFixture.start(
            Map.of(
                "QUEUE_CAPACITY", "3",
                "POLL_AFTER_MIN_SECONDS", "5",
                "POLL_AFTER_MAX_SECONDS", "5"));
    pause = q.ctx.getBean(SalePause.class);
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  @Test
  void aPauseLongerThanTheRetentionKeepsEveryPlaceCallAndSessionAndAdmitsNobody() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 8, t0);
    assertEquals(3, q.advancer.advance(sale, t0).called());
    TicketStatus.Admitted session = (TicketStatus.Admitted) q.poll(sale, tickets.get(0), t0);
    Instant pausedAt = t0.plusSeconds(1);

    assertTrue(pause.pause(sale, pausedAt));
    assertFalse(pause.pause(sale, pausedAt.plusSeconds(1)), "pausing twice changes nothing");
    assertTrue(q.ctx.getBean(QueueProgress.class).read(sale.performanceId()).paused());

    for (Instant at = pausedAt.plus(CADENCE); at.isBefore(pausedAt.plus(LONG_PAUSE)); ) {
      TickResult tick = q.advancer.advance(sale, at);
      assertTrue(tick.paused());
      assertEquals(
          0, tick.called() + tick.lapsedCalls() + tick.abandoned() + tick.expiredSessions());
      at = at.plus(RETENTION);
    }
    Instant late = pausedAt.plus(LONG_PAUSE);
    Map<String, String> before = q.dump(sale.performanceId());
    assertInstanceOf(TicketStatus.Paused.class, q.poll(sale, tickets.get(1), late), "a call");
    assertInstanceOf(TicketStatus.Paused.class, q.poll(sale, tickets.get(5), late), "a waiter");
    assertEquals(before, q.dump(sale.performanceId()), "a poll during the pause changes nothing");
    assertTrue(sessionExpiry(sale, session).isAfter(late), "the session's clock stopped");

    Instant resumedAt = late;
    assertEquals(Optional.of(LONG_PAUSE), pause.resume(sale.performanceId(), resumedAt));
    assertEquals(Optional.empty(), pause.resume(sale.performanceId(), resumedAt.plusSeconds(1)));

    Duration left = Duration.between(pausedAt, session.expiresAt());
    assertEquals(resumedAt.plus(left), sessionExpiry(sale, session), "the time it had left");
    Instant after = resumedAt.plus(CADENCE);
    TickResult tick = q.advancer.advance(sale, after);
    assertEquals(0, tick.lapsedCalls() + tick.abandoned() + tick.expiredSessions());
    assertInstanceOf(TicketStatus.Admitted.class, q.poll(sale, tickets.get(1), after));
    assertInstanceOf(TicketStatus.Admitted.class, q.poll(sale, tickets.get(2), after));
    for (int i = 3; i < 8; i++) {
      TicketStatus status = q.poll(sale, tickets.get(i), after);
      assertEquals(i - 2, ((TicketStatus.Waiting) status).position(), "ticket " + (i + 1));
    }
  }

  @Test
  void resumeContinuesAdmissionInTicketOrder() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 9, now);
    q.advancer.advance(sale, now);
    pause.pause(sale, now);
    now = now.plus(LONG_PAUSE);
    pause.resume(sale.performanceId(), now);
    List<Long> admitted = new ArrayList<>();

    for (int tick = 0; tick < 6 && admitted.size() < 9; tick++) {
      now = now.plus(CADENCE);
      for (TicketRef t : tickets) {
        if (!admitted.contains(t.number())
            && q.poll(sale, t, now) instanceof TicketStatus.Admitted) {
          admitted.add(t.number());
          q.exit.leave(t);
        }
      }
      q.advancer.advance(sale, now);
    }

    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), admitted);
  }

  @Test
  void aHolderWhoGoesSilentAfterTheResumeIsStillDroppedOnTime() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    q.issue(sale, 3, t0);
    TicketRef silent = q.counter.issue(sale, t0).ref();
    pause.pause(sale, t0);
    Instant resumedAt = t0.plus(LONG_PAUSE);
    pause.resume(sale.performanceId(), resumedAt);
    Instant kept = resumedAt.plus(CADENCE).plus(RETENTION);
    Instant gone = kept.plusSeconds(1);

    assertEquals(0, q.advancer.advance(sale, kept).abandoned(), "the pause did not count");
    assertInstanceOf(TicketStatus.Gone.class, q.poll(sale, silent, gone.plusSeconds(1)));
  }

  @Test
  void nobodyIsCalledOrAdmittedOnceThePauseHasTakenEffectWhateverRunsMeanwhile() throws Exception {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 40, now);
    q.advancer.advance(sale, now);
    QueueKeys keys = new QueueKeys(sale.performanceId());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean paused = new AtomicBoolean();
    AtomicInteger callsAfterPause = new AtomicInteger();
    AtomicInteger steps = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      int worker = w;
      workers.add(
          pool.submit(
              () -> {
                go.await();
                Random random = new Random(worker);
                for (int i = 0; i < 150; i++) {
                  Instant at = now.plusSeconds(5 + i);
                  boolean after = paused.get();
                  steps.incrementAndGet();
                  if (random.nextBoolean()) {
                    TicketRef t = tickets.get(random.nextInt(tickets.size()));
                    TicketStatus status = q.poll(sale, t, at);
                    if (status instanceof TicketStatus.Admitted a && random.nextInt(3) == 0) {
                      q.sessions.end(sale.performanceId(), a.sessionId()); // frees a slot
                    }
                  } else if (q.advancer.advance(sale, at).called() > 0 && after) {
                    callsAfterPause.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    go.countDown();
    while (steps.get() < 200) {
      Thread.onSpinWait(); // the pause lands in the middle of the workers' polls and ticks
    }
    pause.pause(sale, now.plusSeconds(5));
    paused.set(true);
    Map<String, String> admittedAtPause = q.redis.hgetall(keys.admitted());
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();

    assertEquals(0, callsAfterPause.get(), "ticks after the pause call nobody");
    Map<String, String> admittedNow = q.redis.hgetall(keys.admitted());
    admittedNow.forEach(
        (ticket, session) ->
            assertEquals(session, admittedAtPause.get(ticket), "no claim after the pause"));
  }

  private static Instant sessionExpiry(SaleWindow sale, TicketStatus.Admitted session) {
    Double score =
        q.redis.zscore(new QueueKeys(sale.performanceId()).sessions(), session.sessionId());
    return Instant.ofEpochMilli(score.longValue());
  }
}
