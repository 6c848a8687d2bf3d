package dev.ticketing.issueticket;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.ClientAddresses;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.NewTicket;
import dev.ticketing.queue.QueueClaims;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.QueueStatus;
import dev.ticketing.queue.QueueTokens;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.TicketCounter;
import dev.ticketing.queue.TicketRef;
import dev.ticketing.queue.TicketStatus;
import dev.ticketing.queue.TicketWindow;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /api/performances/{id}/queue}: the ticket counter. Without a token, a new ticket
 * (201), at most {@code JOIN_LIMIT_PER_ADDRESS} per client address and window (429 beyond). With
 * the queue token of a live ticket, that same ticket again (200): a refresh, a second tab or a
 * retry never costs a place (it counts as a poll: 429 if it comes before the ticket's poll is due).
 * A token whose ticket is gone gets a new ticket.
 */
@Controller("/api/performances/{id}/queue")
@Requires(env = FunctionEnvironments.ISSUE_TICKET)
public class IssueTicketController {
  /** A called or admitted holder should poll (claim) at once. */
  private static final int POLL_NOW = 1;

  private final SaleWindows sales;
  private final TicketCounter counter;
  private final TicketWindow window;
  private final QueueTokens tokens;
  private final QueueRules rules;
  private final ClientAddresses addresses;
  private final Clock clock;

  public IssueTicketController(
      SaleWindows sales,
      TicketCounter counter,
      TicketWindow window,
      QueueTokens tokens,
      QueueRules rules,
      ClientAddresses addresses,
      Clock clock) {
    this.sales = sales;
    this.counter = counter;
    this.window = window;
    this.tokens = tokens;
    this.rules = rules;
    this.addresses = addresses;
    this.clock = clock;
  }

  @Post
  public HttpResponse<TicketResponse> issue(String id, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    Instant now = clock.instant();
    Optional<QueueClaims> presented = tokens.presented(request, performanceId, now);
    SaleWindow sale = sales.requireNotEnded(performanceId, now);
    if (presented.isPresent()) {
      TicketRef ticket = presented.get().ticket();
      TicketStatus status = window.peek(ticket, now, rules.keysExpireAt(sale));
      if (status instanceof TicketStatus.TooSoon early) {
        throw ApiException.tooManyRequests(
            ErrorCode.POLL_TOO_SOON,
            "Your place is kept. Check again in " + early.retryAfterSeconds() + " s.",
            early.retryAfterSeconds());
      }
      if (status.live()) {
        return respond(HttpStatus.OK, answer(tokens.sign(ticket, sale), ticket, status, sale));
      }
    }
    NewTicket t = counter.issue(sale, now, addresses.of(request));
    TicketStatus status =
        t.position().isPresent()
            ? new TicketStatus.Waiting(
                t.position().getAsLong(), 0, t.pollAfterSeconds(), t.orderKey(), t.calls())
            : new TicketStatus.BeforeOpening(sale.opensAt(), t.pollAfterSeconds());
    return respond(HttpStatus.CREATED, answer(tokens.sign(t.ref(), sale), t.ref(), status, sale));
  }

  private TicketResponse answer(
      String token, TicketRef ticket, TicketStatus status, SaleWindow sale) {
    long retention = rules.retention().toSeconds();
    long number = ticket.number();
    if (status instanceof TicketStatus.Waiting w) {
      return new TicketResponse(
          token,
          number,
          QueueStatus.WAITING,
          w.position(),
          null,
          retention,
          w.pollAfterSeconds(),
          w.orderKey(),
          w.calls());
    }
    if (status instanceof TicketStatus.BeforeOpening b) {
      return new TicketResponse(
          token,
          number,
          QueueStatus.WAITING,
          null,
          sale.opensAt(),
          retention,
          b.pollAfterSeconds(),
          null,
          null);
    }
    return new TicketResponse(
        token, number, QueueStatus.ADMITTED, null, null, null, POLL_NOW, null, null);
  }

  private static HttpResponse<TicketResponse> respond(HttpStatus status, TicketResponse body) {
    return HttpResponse.<TicketResponse>status(status)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(body);
  }
}
