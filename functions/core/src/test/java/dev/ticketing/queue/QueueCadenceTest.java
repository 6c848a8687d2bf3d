package dev.ticketing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cadence and the two rules that follow it (docs/queue.md): a holder who polls when told never
 * loses the place, and a called holder who polls when told always claims in time. Capacity 50,
 * sessions of 300 s (so 10 admissions a minute before a rate is measured), retention 120 s, claim
 * window 60 s, polls between 2 and 120 s, a poll budget of 10/s (so a crowd over 1,200 stretches
 * the longest cadence).
 */
class QueueCadenceTest {
  private static final int CAPACITY = 50;
  private static final Duration RETENTION = Duration.ofSeconds(120);
  private static final Duration CLAIM_WINDOW = Duration.ofSeconds(60);
  private static final int MIN = 2;
  private static final int MAX = 120;
  private static final int BUDGET = 10;
  private static QueueFixture q;

  @BeforeAll
  static void start() {
    q =
        QueueFixture.start(
            Map.of(
                "QUEUE_CAPACITY", Integer.toString(CAPACITY),
                "QUEUE_POLL_BUDGET_PER_SECOND", Integer.toString(BUDGET)));
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  /** The formula of poll-after.lua, restated: three quarters of the expected wait, clamped. */
  private static int expectedPollAfter(long position, double perMinute, long waiting) {
    double wait = position * 60.0 / perMinute;
    long far = Math.max(MAX, (waiting + BUDGET - 1) / BUDGET);
    return (int) Math.max(MIN, Math.min(far, (long) Math.floor(0.75 * wait)));
  }

  @Test
  void farBackHoldersPollRarelyAndThoseNextInLineOften() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<NewTicket> tickets = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tickets.add(q.counter.issue(sale, now));
    }

    double unmeasured = CAPACITY * 60.0 / 300; // a full room whose sessions run to their end
    for (NewTicket t : tickets) {
      long position = t.position().getAsLong();
      assertEquals(
          expectedPollAfter(position, unmeasured, position),
          t.pollAfterSeconds(),
          "position " + position);
    }
    for (int i = 1; i < tickets.size(); i++) {
      assertTrue(tickets.get(i).pollAfterSeconds() >= tickets.get(i - 1).pollAfterSeconds());
    }
    assertEquals(4, tickets.get(0).pollAfterSeconds(), "next in line: 3/4 of 6 s");
    assertEquals(MAX, tickets.get(99).pollAfterSeconds(), "far back: the longest");
  }

  @Test
  void theMeasuredAdmissionRateSetsTheCadenceOnceThereIsOne() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TicketRef> tickets = q.issue(sale, 400, now);
    q.advancer.advance(sale, now); // 50 calls fill the empty room: only starts the clock
    for (int tick = 1; tick <= 3; tick++) {
      now = now.plusSeconds(5);
      for (TicketRef t : tickets) {
        if (q.poll(sale, t, now) instanceof TicketStatus.Admitted a) {
          q.sessions.end(sale.performanceId(), a.sessionId());
        }
      }
      q.advancer.advance(sale, now);
    }
    TicketRef last = tickets.get(399);
    Instant due = now.plusSeconds(MAX);

    TicketStatus.Waiting w = (TicketStatus.Waiting) q.poll(sale, last, due);

    assertTrue(w.admittedPerMinute() > 100, "a rate was measured: " + w.admittedPerMinute());
    assertEquals(
        expectedPollAfter(w.position(), w.admittedPerMinute(), 400 - 200), w.pollAfterSeconds());
  }

  @Test
  void aCrowdLargerThanTheBudgetStretchesTheLongestCadence() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    NewTicket last = null;
    for (int i = 0; i < 1_500; i++) {
      last = q.counter.issue(sale, now);
    }

    // 1,500 waiting holders at 10 polls/s: the back polls every 150 s, not every 120 s.
    assertEquals(150, last.pollAfterSeconds());
  }

  @Test
  void aHolderWhoPollsWhenToldNeverLosesThePlaceAndClaimsItsCallInTime() {
    SaleWindow sale = q.openSale();
    Random random = new Random(15);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<TicketRef, Instant> nextPoll = new HashMap<>();
    Map<TicketRef, Long> orderKeys = new HashMap<>();
    List<TicketRef> order = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      NewTicket t = q.counter.issue(sale, t0);
      order.add(t.ref());
      orderKeys.put(t.ref(), t.orderKey());
      nextPoll.put(t.ref(), late(t0.plusSeconds(t.pollAfterSeconds()), random));
    }
    Map<String, Instant> sessionEnds = new HashMap<>();
    List<TicketRef> admitted = new ArrayList<>();
    Map<TicketRef, Instant> calledAt = new HashMap<>();
    List<String> broken = new ArrayList<>();
    Instant now = t0;
    while (admitted.size() < order.size() && now.isBefore(t0.plus(Duration.ofHours(1)))) {
      now = now.plusSeconds(1);
      if (now.getEpochSecond() % 5 == 0) {
        final Instant at = now;
        sessionEnds.entrySet().removeIf(e -> endIfDue(sale, e.getKey(), e.getValue(), at));
        q.advancer.advance(sale, now);
      }
      for (TicketRef t : order) {
        Instant due = nextPoll.get(t);
        if (due == null || due.isAfter(now)) {
          continue;
        }
        TicketStatus s = q.poll(sale, t, now);
        if (s instanceof TicketStatus.Waiting w) {
          nextPoll.put(t, late(now.plusSeconds(w.pollAfterSeconds()), random));
          if (w.orderKey() != orderKeys.get(t)) {
            broken.add(t.number() + " changed its order key");
          }
        } else if (s instanceof TicketStatus.Admitted a) {
          nextPoll.remove(t);
          admitted.add(t);
          calledAt.put(t, a.calledAt().orElseThrow());
          // Sessions last 5 to 60 s: the admission rate moves, and with it the cadence.
          sessionEnds.put(a.sessionId(), now.plusSeconds(5 + random.nextInt(56)));
        } else {
          broken.add(t.number() + " at " + Duration.between(t0, now) + ": " + s);
          nextPoll.remove(t);
        }
      }
    }

    assertEquals(List.of(), broken, "followers never get a 429 nor lose the place");
    assertEquals(order, admitted.stream().sorted(byNumber()).toList(), "all admitted");
    assertEquals(order.size(), admitted.size());
    for (int i = 1; i < order.size(); i++) {
      assertTrue(
          !calledAt.get(order.get(i)).isBefore(calledAt.get(order.get(i - 1))),
          "called in ticket order: " + order.get(i).number());
    }
  }

  @Test
  void aHolderSilentBeyondItsCadencePlusTheRetentionIsDroppedAndNotBefore() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SaleWindow sale = q.saleOpeningAt(t0.plus(Duration.ofHours(1))); // nobody is called
    NewTicket silent = q.counter.issue(sale, t0);
    NewTicket gone = q.counter.issue(sale, t0);
    Instant deadline = t0.plusSeconds(silent.pollAfterSeconds()).plus(RETENTION);

    assertEquals(0, q.advancer.advance(sale, deadline).abandoned(), "kept until its deadline");
    assertInstanceOf(
        TicketStatus.BeforeOpening.class,
        q.peek(sale, silent.ref(), deadline),
        "and may poll then");

    Instant after = t0.plusSeconds(gone.pollAfterSeconds()).plus(RETENTION).plusMillis(1);
    assertEquals(1, q.advancer.advance(sale, after).abandoned());
    assertEquals(
        new TicketStatus.Gone(TicketStatus.Reason.TICKET_EXPIRED), q.poll(sale, gone.ref(), after));
  }

  @Test
  void aPollMovesTheDeadlineOnSoTheTickThatFindsTheOldOneKeepsTheTicket() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SaleWindow sale = q.saleOpeningAt(t0.plus(Duration.ofHours(2))); // nobody is called
    NewTicket t = q.counter.issue(sale, t0);
    Instant due = t0.plusSeconds(t.pollAfterSeconds());
    TicketStatus.BeforeOpening polled = (TicketStatus.BeforeOpening) q.poll(sale, t.ref(), due);
    Instant firstDeadline = due.plus(RETENTION);
    Instant secondDeadline = due.plusSeconds(polled.pollAfterSeconds()).plus(RETENTION);

    TickResult kept = q.advancer.advance(sale, firstDeadline.plusSeconds(1));
    TickResult dropped = q.advancer.advance(sale, secondDeadline.plusMillis(1));

    assertEquals(0, kept.abandoned(), "the poll moved the deadline past this tick");
    assertEquals(1, dropped.abandoned(), "and nothing moved it since");
    assertEquals(
        new TicketStatus.Gone(TicketStatus.Reason.TICKET_EXPIRED),
        q.poll(sale, t.ref(), secondDeadline.plusMillis(1)));
  }

  @Test
  void aCallComingLongBeforeTheDuePollWaitsForItAndAClaimWindowMore() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    q.issue(sale, 60, t0);
    NewTicket far = q.counter.issue(sale, t0);
    q.control.setCapacity(sale, 200); // the room grows: everybody is called at once
    q.advancer.advance(sale, t0.plusSeconds(1));
    Instant due = t0.plusSeconds(far.pollAfterSeconds());

    assertEquals(MAX, far.pollAfterSeconds());
    q.advancer.advance(sale, due.plus(CLAIM_WINDOW).minusMillis(1)); // lapses earlier calls only
    assertInstanceOf(
        TicketStatus.Admitted.class,
        q.poll(sale, far.ref(), due.plus(CLAIM_WINDOW).minusMillis(1)),
        "the holder comes back when told, late by less than the claim window, and claims");
  }

  @Test
  void aCallNotClaimedWithinTheWindowAfterTheDuePollLapses() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    NewTicket t = q.counter.issue(sale, t0);
    q.advancer.advance(sale, t0);
    Instant lapse = t0.plusSeconds(t.pollAfterSeconds()).plus(CLAIM_WINDOW);

    assertEquals(1, q.advancer.advance(sale, lapse).lapsedCalls());
    assertEquals(
        new TicketStatus.Gone(TicketStatus.Reason.TICKET_EXPIRED), q.poll(sale, t.ref(), lapse));
  }

  @Test
  void anEarlyPollIsRefusedWithTheTimeLeftAndChangesNothing() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    q.issue(sale, 60, t0);
    NewTicket t = q.counter.issue(sale, t0);
    Map<String, String> before = q.dump(sale.performanceId());
    Instant early = t0.plusSeconds(10);

    TicketStatus s = q.poll(sale, t.ref(), early);

    // Due at t0 + pollAfter, with a second's tolerance.
    Duration left = Duration.ofSeconds(t.pollAfterSeconds() - 10).minus(Duration.ofSeconds(1));
    assertEquals(new TicketStatus.TooSoon(left), s);
    assertEquals(10, ((TicketStatus.TooSoon) s).retryAfterSeconds(), "told 10 s at most");
    assertEquals(3, new TicketStatus.TooSoon(Duration.ofMillis(2_001)).retryAfterSeconds());
    assertEquals(before, q.dump(sale.performanceId()), "nothing changed, the deadline included");
    assertInstanceOf(
        TicketStatus.Waiting.class, q.poll(sale, t.ref(), early.plus(left)), "then it is due");
  }

  @Test
  void anOldClientPollingEverySecondGets429sButNeverLosesItsPlace() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    q.issue(sale, 70, t0);
    NewTicket old = q.counter.issue(sale, t0);
    int tooSoon = 0;
    int answered = 0;
    TicketStatus last = null;
    for (int second = 1; second <= 600 && !(last instanceof TicketStatus.Admitted); second++) {
      Instant now = t0.plusSeconds(second);
      if (second % 5 == 0) {
        q.advancer.advance(sale, now); // the 70 ahead never claim: their calls lapse
      }
      last = q.poll(sale, old.ref(), now);
      if (last instanceof TicketStatus.TooSoon) {
        tooSoon++;
      } else {
        assertTrue(last.live(), "second " + second + ": " + last);
        answered++;
      }
    }

    assertInstanceOf(TicketStatus.Admitted.class, last);
    assertTrue(tooSoon > answered, tooSoon + " 429s, " + answered + " answers");
  }

  @Test
  void aCalledTicketClaimsAtOnceEvenBeforeItsPollIsDue() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    NewTicket t = q.counter.issue(sale, t0);
    q.advancer.advance(sale, t0.plusMillis(1));

    TicketStatus s = q.poll(sale, t.ref(), t0.plusMillis(2));

    assertInstanceOf(TicketStatus.Admitted.class, s);
    assertEquals(Optional.of(t0.plusMillis(1)), ((TicketStatus.Admitted) s).calledAt());
  }

  @Test
  void theHolderIsCalledExactlyWhenNowServingReachesItsOrderKey() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<NewTicket> tickets = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      tickets.add(q.counter.issue(sale, now));
    }
    QueueProgress progress = q.ctx.getBean(QueueProgress.class);
    QueueProgress.Snapshot before = progress.read(sale.performanceId());
    assertEquals(new QueueProgress.Snapshot(0, null, null, 120, false, false), before);

    q.advancer.advance(sale, now);

    QueueProgress.Snapshot after = progress.read(sale.performanceId());
    assertEquals(CAPACITY, after.calls());
    assertEquals(tickets.get(CAPACITY - 1).orderKey(), after.nowServing());
    for (NewTicket t : tickets) {
      boolean called = q.peek(sale, t.ref(), now) instanceof TicketStatus.Called;
      assertEquals(t.orderKey() <= after.nowServing(), called, "ticket " + t.ref().number());
    }
    NewTicket last = tickets.get(119);
    long estimate = last.position().getAsLong() - (after.calls() - last.calls());
    assertEquals(120 - CAPACITY, estimate, "position at the poll minus the calls since");
  }

  @Test
  void oneTickDropsTensOfThousandsOfAbandonedTicketsInSlicesAndNoLiveOne() {
    SaleWindow sale = q.openSale();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    int abandoned = QueueRules.PURGE_SLICE * 3 + 7;
    for (int i = 0; i < abandoned; i++) {
      q.counter.issue(sale, t0);
    }
    Instant later = t0.plus(Duration.ofHours(1));
    List<NewTicket> live = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      live.add(q.counter.issue(sale, later));
    }
    q.control.setCapacity(sale, 1);

    TickResult tick = q.advancer.advance(sale, later);

    assertEquals(abandoned, tick.abandoned());
    assertEquals(1, tick.called());
    assertEquals(4, tick.waiting());
    for (NewTicket t : live.subList(1, 5)) {
      TicketStatus s = q.poll(sale, t.ref(), later.plusSeconds(t.pollAfterSeconds()));
      assertInstanceOf(TicketStatus.Waiting.class, s);
    }
  }

  private static boolean endIfDue(SaleWindow sale, String sessionId, Instant end, Instant now) {
    if (end.isAfter(now)) {
      return false;
    }
    q.sessions.end(sale.performanceId(), sessionId);
    return true;
  }

  /** A follower comes back when told, sometimes later by up to most of the claim window. */
  private static Instant late(Instant due, Random random) {
    return random.nextInt(4) == 0 ? due.plusSeconds(random.nextInt(50)) : due;
  }

  private static java.util.Comparator<TicketRef> byNumber() {
    return java.util.Comparator.comparingLong(TicketRef::number);
  }
}
