package dev.ticketing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After Redis loses a queue (a failover without replication, a flush), old tickets and sessions are
 * cleanly gone, nothing throws, and the queue works again for new tickets within its capacity.
 */
class RedisDataLossTest {
  private static QueueFixture q;

  @BeforeAll
  static void start() {
    q = QueueFixture.start(Map.of("QUEUE_CAPACITY", "2"));
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  @Test
  void oldTicketsAreGoneAndNewOnesWorkAfterTheQueueIsLost() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> before = q.issue(sale, 3, now);
    q.advancer.advance(sale, now);
    TicketStatus.Admitted session = (TicketStatus.Admitted) q.poll(sale, before.get(0), now);

    q.loseAllKeys(sale.performanceId());
    q.redis.scriptFlush();

    for (TicketRef t : before) {
      assertEquals(new TicketStatus.Gone(TicketStatus.Reason.TICKET_EXPIRED), q.poll(sale, t, now));
      assertFalse(q.exit.leave(t));
    }
    assertFalse(q.sessions.isActive(sale.performanceId(), session.sessionId()));

    List<TicketRef> after = q.issue(sale, 3, now);
    assertEquals(1, after.get(0).number(), "the counter starts again");
    assertTrue(
        before.get(0).number() == after.get(0).number()
            && new TicketStatus.Gone(TicketStatus.Reason.TICKET_EXPIRED)
                .equals(q.poll(sale, before.get(0), now)),
        "an old token naming a reused number is still not that ticket");
    TickResult tick = q.advancer.advance(sale, now);
    assertEquals(2, tick.called());
    assertTrue(q.occupied(sale.performanceId()) <= 2);
  }

  @Test
  void aTickOnAnEmptyQueueDoesNothing() {
    SaleWindow sale = q.openSale();

    TickResult tick = q.advancer.advance(sale, Instant.now().truncatedTo(ChronoUnit.MILLIS));

    assertEquals(
        new TickResult(sale.performanceId(), 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, false, false), tick);
    assertEquals(Map.of(), q.dump(sale.performanceId()), "and creates no keys");
  }
}
