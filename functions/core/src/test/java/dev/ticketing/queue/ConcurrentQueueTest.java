package dev.ticketing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ten advancers tick at once, for many ticks, while holders poll, claim, leave, go silent or let
 * their sessions run out, and new tickets keep arriving (one per tick); time moves forward in
 * random steps. Active sessions + pending calls never exceed the capacity, checked by every tick
 * and by a watcher reading both counts atomically all along; a live holder's position never goes
 * up.
 */
class ConcurrentQueueTest {
  private static final int CAPACITY = 20;
  private static final int ADVANCERS = 10;
  private static final int TICKS = 200;
  private static final int HOLDER_THREADS = 6;
  private static QueueFixture q;

  @BeforeAll
  static void start() {
    q =
        QueueFixture.start(
            Map.of(
                "QUEUE_CAPACITY", Integer.toString(CAPACITY),
                "RETENTION_SECONDS", "20",
                "CLAIM_WINDOW_SECONDS", "10",
                "SESSION_TTL_SECONDS", "30"));
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  @Test
  void tenConcurrentAdvancersNeverAdmitMoreThanTheCapacity() throws Exception {
    SaleWindow sale = q.openSale();
    AtomicLong clock = new AtomicLong(Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli());
    List<TicketRef> tickets = new CopyOnWriteArrayList<>(q.issue(sale, 400, now(clock)));
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    AtomicLong calls = new AtomicLong();
    AtomicLong admissions = new AtomicLong();
    AtomicLong watches = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(ADVANCERS + HOLDER_THREADS + 1);
    List<Future<?>> advancers = new ArrayList<>();
    List<Future<?>> others = new ArrayList<>();

    for (int a = 0; a < ADVANCERS; a++) {
      advancers.add(
          pool.submit(
              () -> {
                go.await();
                for (int tick = 0; tick < TICKS; tick++) {
                  Instant now =
                      Instant.ofEpochMilli(
                          clock.addAndGet(ThreadLocalRandom.current().nextLong(0, 400)));
                  TickResult r = q.advancer.advance(sale, now);
                  tickets.add(q.counter.issue(sale, now).ref());
                  calls.addAndGet(r.called());
                  if (r.activeSessions() + r.pendingCalls() > CAPACITY) {
                    violations.add("after a tick: " + r);
                  }
                }
                return null;
              }));
    }
    Map<Long, Long> lastPosition = new ConcurrentHashMap<>();
    Set<Long> admitted = ConcurrentHashMap.newKeySet();
    for (int h = 0; h < HOLDER_THREADS; h++) {
      int holder = h;
      others.add(
          pool.submit(
              () -> {
                go.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                  for (int i = holder; i < tickets.size(); i += HOLDER_THREADS) {
                    TicketRef t = tickets.get(i);
                    if (t.number() % 7 == 0) {
                      continue; // these holders went silent: abandoned or unclaimed
                    }
                    int dice = random.nextInt(100);
                    if (dice < 3) {
                      q.exit.leave(t);
                      continue;
                    }
                    TicketStatus s = q.poll(sale, t, now(clock));
                    if (s instanceof TicketStatus.Waiting w) {
                      Long before = lastPosition.put(t.number(), w.position());
                      if (before != null && w.position() > before) {
                        violations.add(
                            t.number() + " moved back " + before + " -> " + w.position());
                      }
                    } else if (s instanceof TicketStatus.Admitted a) {
                      if (admitted.add(t.number())) {
                        admissions.incrementAndGet();
                      }
                      if (dice < 40) {
                        q.sessions.end(sale.performanceId(), a.sessionId()); // a reservation
                      }
                    }
                  }
                }
                return null;
              }));
    }
    others.add(
        pool.submit(
            () -> {
              go.await();
              while (running.get()) {
                long occupied = q.occupied(sale.performanceId());
                watches.incrementAndGet();
                if (occupied > CAPACITY) {
                  violations.add("watcher saw " + occupied);
                }
              }
              return null;
            }));

    go.countDown();
    for (Future<?> f : advancers) {
      f.get(2, TimeUnit.MINUTES);
    }
    running.set(false);
    for (Future<?> f : others) {
      f.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();

    System.out.printf(
        "%d calls, %d admissions, %d watches, %d tickets%n",
        calls.get(), admissions.get(), watches.get(), tickets.size());
    assertEquals(
        0,
        violations.size(),
        () ->
            violations.size()
                + " violations, first: "
                + violations.subList(0, Math.min(5, violations.size())));
    assertTrue(watches.get() > 100, "the watcher checked " + watches.get() + " times");
    assertTrue(calls.get() > 3 * CAPACITY, "the queue moved: " + calls.get() + " calls");
    assertTrue(admissions.get() > CAPACITY, "holders were admitted: " + admissions.get());
    assertTrue(q.occupied(sale.performanceId()) <= CAPACITY);
  }

  private static Instant now(AtomicLong clock) {
    return Instant.ofEpochMilli(clock.get());
  }
}
