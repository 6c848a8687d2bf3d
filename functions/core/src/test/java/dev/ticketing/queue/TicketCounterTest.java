package dev.ticketing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TicketCounterTest {
  private static QueueFixture q;

  @BeforeAll
  static void start() {
    q = QueueFixture.start(Map.of());
  }

  @AfterAll
  static void stop() {
    q.close();
  }

  @Test
  void ticketsAreNumberedFromOneInTheOrderTheyAreIssued() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<NewTicket> tickets =
        List.of(q.counter.issue(sale, now), q.counter.issue(sale, now), q.counter.issue(sale, now));

    assertEquals(List.of(1L, 2L, 3L), tickets.stream().map(t -> t.ref().number()).toList());
    assertEquals(
        List.of(OptionalLong.of(1), OptionalLong.of(2), OptionalLong.of(3)),
        tickets.stream().map(NewTicket::position).toList());
  }

  @Test
  void everyTicketHasItsOwnUnguessableSecret() {
    SaleWindow sale = q.openSale();
    List<TicketRef> tickets = q.issue(sale, 2, Instant.now().truncatedTo(ChronoUnit.MILLIS));

    assertNotEquals(tickets.get(0).ticketId(), tickets.get(1).ticketId());
    assertTrue(tickets.get(0).ticketId().length() >= 22, "128 random bits");
  }

  @Test
  void aTicketIssuedBeforeTheSaleOpensHasNoPositionYet() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SaleWindow sale = q.saleOpeningAt(now.plus(Duration.ofMinutes(10)));

    NewTicket ticket = q.counter.issue(sale, now);

    assertEquals(OptionalLong.empty(), ticket.position());
    TicketStatus status = q.poll(sale, ticket.ref(), now.plusSeconds(ticket.pollAfterSeconds()));
    assertEquals(
        sale.opensAt().truncatedTo(ChronoUnit.MILLIS),
        ((TicketStatus.BeforeOpening) status).opensAt());
  }

  @Test
  void aTicketWithAnotherSecretIsNotThatTicket() {
    SaleWindow sale = q.openSale();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    NewTicket issued = q.counter.issue(sale, now);
    TicketRef real = issued.ref();
    TicketRef guessed = new TicketRef(real.performanceId(), real.number(), "guessed-secret");
    Instant due = now.plusSeconds(issued.pollAfterSeconds());

    assertInstanceOf(TicketStatus.Gone.class, q.poll(sale, guessed, due));
    TicketStatus.Waiting waiting = (TicketStatus.Waiting) q.poll(sale, real, due);
    assertEquals(1, waiting.position());
    assertTrue(!q.exit.leave(guessed));
    Instant dueAgain = due.plusSeconds(waiting.pollAfterSeconds());
    assertInstanceOf(TicketStatus.Waiting.class, q.poll(sale, real, dueAgain));
  }
}
