package dev.ticketing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capacity 3, retention 120 s, claim window 60 s, sessions of 300 s (the defaults but capacity),
 * and a fixed cadence: every answer says to poll again in 5 s (the cadence's formula has its own
 * test, {@link QueueCadenceTest}), so a ticket is due back 5 s after each poll and is dropped
 * {@code RETENTION} after that.
 */
class QueueAdvancerTest {
  private static final Duration CADENCE = Duration.ofSeconds(5);
  private static final Duration RETENTION = Duration.ofSeconds(120);
  private static final Duration CLAIM_WINDOW = Duration.ofSeconds(60);
  private static final Duration SESSION = Duration.ofSeconds(300);
  private static QueueFixture q;

  @BeforeAll
  static void start() {
    q =
        QueueFixture.start(
            Map.of(
                "QUEUE_CAPACITY", "3",
                "POLL_AFTER_MIN_SECONDS", "5",
                "POLL_AFTER_MAX_SECONDS", "5"));
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  @Test
  void aTickCallsTheNextTicketsUntilTheRoomIsFull() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 5, now);

    TickResult tick = q.advancer.advance(sale, now);

    assertEquals(3, tick.called());
    assertEquals(3, tick.pendingCalls());
    assertEquals(2, tick.waiting());
    assertEquals(List.of(true, true, true, false, false), called(sale, tickets, now));
    assertEquals(0, q.advancer.advance(sale, now).called(), "a second tick finds the room full");
  }

  @Test
  void admissionFollowsTicketOrderAmongLiveHolders() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 12, now);
    List<Long> admitted = new ArrayList<>();

    for (int tick = 0; tick < 6 && admitted.size() < 9; tick++) {
      now = now.plusSeconds(5);
      for (TicketRef t : tickets) {
        TicketStatus status = q.poll(sale, t, now);
        if (status instanceof TicketStatus.Admitted) {
          admitted.add(t.number());
          q.exit.leave(t);
        }
      }
      if (tick == 0) {
        q.exit.leave(tickets.get(4));
        q.exit.leave(tickets.get(7));
      }
      q.advancer.advance(sale, now);
    }

    assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 9L, 10L, 11L), admitted.subList(0, 9));
  }

  @Test
  void anAbandonedTicketIsSkippedAndNeverHoldsASlot() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TicketRef silent = q.counter.issue(sale, t0).ref();
    Instant later = t0.plus(CADENCE).plus(RETENTION).plusSeconds(1);
    List<TicketRef> live = q.issue(sale, 3, later);

    TickResult tick = q.advancer.advance(sale, later);

    assertEquals(1, tick.abandoned());
    assertEquals(3, tick.called());
    assertEquals(List.of(true, true, true), called(sale, live, later));
    assertEquals(
        new TicketStatus.Gone(TicketStatus.Reason.TICKET_EXPIRED), q.poll(sale, silent, later));
  }

  @Test
  void aHolderWhoPollsWithinTheCadenceAndTheRetentionKeepsTheirPlace() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 5, t0);
    Instant t1 = t0.plus(CADENCE).plus(RETENTION);
    TicketStatus kept = q.poll(sale, tickets.get(4), t1);
    Instant t2 = t1.plus(CADENCE).plus(RETENTION);

    assertEquals(5, ((TicketStatus.Waiting) kept).position());
    assertInstanceOf(TicketStatus.Waiting.class, q.poll(sale, tickets.get(4), t2));
    assertInstanceOf(TicketStatus.Gone.class, q.poll(sale, tickets.get(0), t2));
  }

  @Test
  void anUnclaimedCallFreesItsSlotAClaimWindowAfterItsHolderWasDueBack() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 4, now);
    q.advancer.advance(sale, now);
    // Called at once, but told to come back in 5 s: the claim window runs from then.
    Instant deadline = now.plus(CADENCE).plus(CLAIM_WINDOW);
    Instant beforeDeadline = deadline.minusMillis(1);
    for (TicketRef t : tickets.subList(1, 4)) {
      q.peek(sale, t, beforeDeadline);
    }

    assertEquals(0, q.advancer.advance(sale, beforeDeadline).called());
    TickResult tick = q.advancer.advance(sale, deadline);

    assertEquals(3, tick.lapsedCalls());
    assertEquals(1, tick.called(), "the fourth ticket takes a freed slot");
    assertEquals(
        new TicketStatus.Gone(TicketStatus.Reason.TICKET_EXPIRED),
        q.poll(sale, tickets.get(0), deadline));
    assertInstanceOf(TicketStatus.Admitted.class, q.poll(sale, tickets.get(3), deadline));
  }

  @Test
  void aClaimOpensASessionTheSeatRoutesAccept() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TicketRef ticket = q.counter.issue(sale, now).ref();
    q.advancer.advance(sale, now);

    TicketStatus.Admitted admitted = (TicketStatus.Admitted) q.poll(sale, ticket, now);

    assertEquals(now.plus(SESSION), admitted.expiresAt());
    assertTrue(q.sessions.isActive(sale.performanceId(), admitted.sessionId()));
    assertEquals(Optional.of(now), admitted.calledAt(), "the claim knows when the call came");
    TicketStatus.Admitted again = (TicketStatus.Admitted) q.poll(sale, ticket, now.plusSeconds(10));
    assertTrue(admitted.sameSession(again), "a refresh: same session");
  }

  @Test
  void anExpiredSessionFreesItsSlot() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 4, now);
    q.advancer.advance(sale, now);
    for (TicketRef t : tickets.subList(0, 3)) {
      q.poll(sale, t, now);
    }
    Instant expiry = now.plus(SESSION);
    for (Instant beat = now; beat.isBefore(expiry); beat = beat.plusSeconds(100)) {
      q.peek(sale, tickets.get(3), beat);
    }

    assertEquals(0, q.advancer.advance(sale, expiry.minusMillis(1)).called());
    TickResult tick = q.advancer.advance(sale, expiry);

    assertEquals(3, tick.expiredSessions());
    assertEquals(1, tick.called());
    assertEquals(
        new TicketStatus.Gone(TicketStatus.Reason.SESSION_ENDED),
        q.poll(sale, tickets.get(0), expiry));
  }

  @Test
  void leavingFreesTheSlotOfACallAndOfASession() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 5, now);
    q.advancer.advance(sale, now);
    TicketStatus.Admitted session = (TicketStatus.Admitted) q.poll(sale, tickets.get(0), now);

    assertTrue(q.exit.leave(tickets.get(0)));
    assertTrue(q.exit.leave(tickets.get(1)));
    assertTrue(!q.exit.leave(tickets.get(1)), "leaving twice is harmless");

    assertTrue(!q.sessions.isActive(sale.performanceId(), session.sessionId()));
    assertEquals(2, q.advancer.advance(sale, now).called());
    assertEquals(List.of(false, false, true, true, true), called(sale, tickets, now));
  }

  @Test
  void endingTheSessionAfterAReservationFreesTheSlot() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 4, now);
    q.advancer.advance(sale, now);
    TicketStatus.Admitted session = (TicketStatus.Admitted) q.poll(sale, tickets.get(0), now);

    q.sessions.end(sale.performanceId(), session.sessionId());

    assertEquals(1, q.advancer.advance(sale, now).called());
    assertEquals(
        new TicketStatus.Gone(TicketStatus.Reason.SESSION_ENDED),
        q.poll(sale, tickets.get(0), now));
  }

  @Test
  void nobodyIsCalledBeforeTheSaleOpens() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SaleWindow sale = q.saleOpeningAt(now.plusSeconds(30));
    q.issue(sale, 2, now);

    assertEquals(0, q.advancer.advance(sale, now).called());
    assertEquals(2, q.advancer.advance(sale, now.plusSeconds(30)).called());
  }

  @Test
  void aCapacityChangedAtRunTimeTakesEffectAtTheNextTick() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    q.issue(sale, 10, now);
    q.advancer.advance(sale, now);

    q.control.setCapacity(sale, 7);
    TickResult raised = q.advancer.advance(sale, now);
    q.control.setCapacity(sale, 2);
    TickResult lowered = q.advancer.advance(sale, now);

    assertEquals(4, raised.called());
    assertEquals(0, lowered.called());
    assertEquals(7, lowered.pendingCalls(), "nobody is un-called; the room drains below 2 first");
    QueueState state = q.control.state(sale.performanceId(), now);
    assertEquals(
        new QueueState(sale.performanceId(), 3, 7, 0, 2, true, 0, 10, false, false, null, null),
        state,
        "operator view");
  }

  @Test
  void theAdmissionRateIsMeasuredAndGivesAnEstimatedWait() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 40, now);
    q.advancer.advance(sale, now);
    for (int tick = 1; tick <= 6; tick++) {
      now = now.plusSeconds(5);
      for (TicketRef t : tickets) {
        if (q.poll(sale, t, now) instanceof TicketStatus.Admitted) {
          q.exit.leave(t);
        }
      }
      q.advancer.advance(sale, now);
    }

    TicketStatus.Waiting last =
        (TicketStatus.Waiting) q.poll(sale, tickets.get(39), now.plus(CADENCE));
    // 3 admissions every 5 s = 36 per minute; the average converges towards it.
    assertTrue(
        last.admittedPerMinute() > 30 && last.admittedPerMinute() <= 36.01,
        "rate " + last.admittedPerMinute());
    long expected = (long) Math.ceil(last.position() * 60 / last.admittedPerMinute());
    assertEquals(expected, last.estimatedWaitSeconds().orElseThrow());
  }

  private static List<Boolean> called(SaleWindow sale, List<TicketRef> tickets, Instant now) {
    return tickets.stream().map(t -> q.peek(sale, t, now) instanceof TicketStatus.Called).toList();
  }
}
