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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The waiting room sized by what is left to sell, against the real MariaDB (the seats) and Redis:
 * capacity 10, {@code QUEUE_SESSIONS_PER_SEAT} 2 (the default), every answer's cadence 5 s.
 */
class InventoryAwareQueueTest {
  private static final Duration CADENCE = Duration.ofSeconds(5);
  private static final int PER_SEAT = 2;
  private static QueueFixture q;

  @BeforeAll
  static void start() {
    q =
        QueueFixture.start(
            Map.of(
                "QUEUE_CAPACITY", "10",
                "POLL_AFTER_MIN_SECONDS", "5",
                "POLL_AFTER_MAX_SECONDS", "5"));
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  @Test
  void soldOutReachesEveryWaitingHolderWithinOneCadenceAndNobodyIsAdmittedAfter() {
    SaleWindow sale = q.openSaleOf(3);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 20, now);
    TickResult first = q.tickByInventory(sale, now);
    assertEquals(3 * PER_SEAT, first.room(), "3 seats let 6 buyers in, not the capacity of 10");
    assertEquals(3 * PER_SEAT, first.called());
    List<TicketRef> called = tickets.subList(0, 6);
    List<TicketRef> waiting = tickets.subList(6, 20);

    q.setSeats(sale.performanceId(), "RESERVED", 3);
    now = now.plus(CADENCE);
    TickResult soldOut = q.tickByInventory(sale, now);

    assertTrue(soldOut.soldOut());
    assertEquals(0, soldOut.called());
    assertTrue(q.ctx.getBean(QueueProgress.class).read(sale.performanceId()).soldOut());
    for (TicketRef t : waiting) {
      TicketStatus status = q.poll(sale, t, now);
      assertEquals(new TicketStatus.SoldOut(5), status, "ticket " + t.number());
    }
    for (TicketRef t : called) {
      assertInstanceOf(TicketStatus.Admitted.class, q.poll(sale, t, now));
      q.exit.leave(t);
    }
    for (int tick = 0; tick < 5; tick++) {
      now = now.plus(CADENCE);
      assertEquals(0, q.tickByInventory(sale, now).called(), "nobody is called once sold out");
      for (TicketRef t : waiting) {
        assertInstanceOf(TicketStatus.SoldOut.class, q.poll(sale, t, now), "kept on the list");
      }
    }
    assertEquals(0, q.occupied(sale.performanceId()));
  }

  @Test
  void aSeatThatComesBackReopensTheQueueForTheReturnsListInTicketOrder() {
    SaleWindow sale = q.openSaleOf(2);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 12, now);
    assertEquals(4, q.tickByInventory(sale, now).called());
    for (TicketRef t : tickets.subList(0, 4)) {
      q.poll(sale, t, now);
      q.exit.leave(t);
    }
    q.setSeats(sale.performanceId(), "RESERVED", 2);
    now = now.plus(CADENCE);
    assertTrue(q.tickByInventory(sale, now).soldOut());
    List<TicketRef> returnsList = tickets.subList(4, 12);
    for (TicketRef t : returnsList) {
      assertInstanceOf(TicketStatus.SoldOut.class, q.poll(sale, t, now));
    }

    q.setSeats(sale.performanceId(), "AVAILABLE", 1);
    now = now.plus(CADENCE);
    TickResult reopened = q.tickByInventory(sale, now);

    assertFalse(reopened.soldOut());
    assertEquals(PER_SEAT, reopened.called());
    assertFalse(q.ctx.getBean(QueueProgress.class).read(sale.performanceId()).soldOut());
    assertInstanceOf(TicketStatus.Admitted.class, q.poll(sale, returnsList.get(0), now));
    assertInstanceOf(TicketStatus.Admitted.class, q.poll(sale, returnsList.get(1), now));
    TicketStatus next = q.poll(sale, returnsList.get(2), now);
    assertEquals(1, ((TicketStatus.Waiting) next).position(), "the returns list keeps its order");
    assertEquals(6, ((TicketStatus.Waiting) q.poll(sale, returnsList.get(7), now)).position());
  }

  @Test
  void admissionNeverExceedsTheMultipleOfTheSeatsLeftWhateverTheConcurrentTicks() throws Exception {
    int seats = 5;
    SaleWindow sale = q.openSaleOf(seats);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 12, now);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int sold = 0; sold <= seats; sold++) {
        q.setSeats(sale.performanceId(), "RESERVED", sold);
        for (TicketRef t : tickets) {
          q.exit.leave(t); // the room empties: only the seats left bound the next calls
        }
        tickets = q.issue(sale, 12, now);
        SeatStock stock = q.ctx.getBean(SeatInventory.class).count(sale.performanceId());
        assertEquals(seats - sold, stock.available());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TickResult>> ticks = new ArrayList<>();
        Instant at = now;
        for (int i = 0; i < 8; i++) {
          ticks.add(
              pool.submit(
                  () -> {
                    go.await();
                    return q.advancer.advance(sale, at, stock);
                  }));
        }
        go.countDown();
        long calls = 0;
        for (Future<TickResult> tick : ticks) {
          calls += tick.get().called();
        }
        long room = Math.min(10, (long) PER_SEAT * (seats - sold));
        assertEquals(room, calls, "calls of 8 concurrent ticks with " + (seats - sold) + " left");
        assertEquals(room, q.occupied(sale.performanceId()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
