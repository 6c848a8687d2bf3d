package dev.ticketing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tickets issued before the sale opens are admitted in a random order; later ones strictly in
 * order, after them. Capacity 10: admissions come in rounds of 10.
 */
class FairStartTest {
  private static final int EARLY = 200;
  private static final int LATE = 30;
  private static QueueFixture q;

  @BeforeAll
  static void start() {
    q = QueueFixture.start(Map.of("QUEUE_CAPACITY", "10"));
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  @Test
  void ticketsIssuedBeforeOpeningAreShuffledAndLaterOnesAreFirstComeFirstServed() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant opens = now.plus(Duration.ofMinutes(1));
    SaleWindow sale = q.saleOpeningAt(opens);
    List<TicketRef> early = new ArrayList<>();
    for (int i = 0; i < EARLY; i++) {
      early.add(q.counter.issue(sale, now.plusMillis(i)).ref());
    }
    Instant afterOpening = opens.plusSeconds(1);
    List<TicketRef> late = q.issue(sale, LATE, afterOpening);
    List<TicketRef> everyone = new ArrayList<>(early);
    everyone.addAll(late);

    List<TicketRef> admitted = admitAll(sale, everyone, afterOpening);

    List<TicketRef> earlyAdmitted = admitted.subList(0, EARLY);
    assertEquals(
        early.stream().map(TicketRef::number).sorted().toList(),
        earlyAdmitted.stream().map(TicketRef::number).sorted().toList(),
        "every early ticket is admitted before any late one");
    double rho = spearman(earlyAdmitted.stream().mapToLong(TicketRef::number).toArray());
    // Under a random order rho ~ N(0, 1/sqrt(199) = 0.07); first come first served gives 1.
    assertTrue(Math.abs(rho) < 0.3, "early tickets admitted in ticket order: rho = " + rho);
    assertEquals(late, admitted.subList(EARLY, EARLY + LATE), "late tickets strictly in order");
  }

  @Test
  void theSpearmanCheckWouldCatchFirstComeFirstServed() {
    long[] fifo = new long[EARLY];
    for (int i = 0; i < EARLY; i++) {
      fifo[i] = i + 1;
    }
    assertTrue(spearman(fifo) > 0.99);
  }

  /** Runs rounds of tick + polls; returns the tickets in the order they were admitted. */
  private static List<TicketRef> admitAll(SaleWindow sale, List<TicketRef> tickets, Instant now) {
    List<TicketRef> admitted = new ArrayList<>();
    List<TicketRef> remaining = new ArrayList<>(tickets);
    while (!remaining.isEmpty()) {
      now = now.plusSeconds(5);
      q.advancer.advance(sale, now);
      for (TicketRef t : List.copyOf(remaining)) {
        if (q.poll(sale, t, now) instanceof TicketStatus.Admitted) {
          admitted.add(t);
          remaining.remove(t);
          q.exit.leave(t);
        }
      }
    }
    return admitted;
  }

  /**
   * Spearman's rank correlation between the admission order (the index) and the ticket numbers,
   * within rounds of 10 (the tickets of one round are admitted together, so their order within it
   * is the polling order and is ranked by their mean).
   */
  private static double spearman(long[] numbersInAdmissionOrder) {
    int n = numbersInAdmissionOrder.length;
    long[] sorted = numbersInAdmissionOrder.clone();
    Arrays.sort(sorted);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i / 10 * 10 + 4.5;
      y[i] = Arrays.binarySearch(sorted, numbersInAdmissionOrder[i]);
    }
    return pearson(x, y);
  }

  private static double pearson(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
