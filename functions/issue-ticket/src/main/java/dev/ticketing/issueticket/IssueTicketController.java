package dev.ticketing.issueticket;

import dev.ticketing.function.FunctionEnvironments;
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
 * (201). With the queue token of a live ticket, that same ticket again (200): a refresh, a second
 * tab or a retry never costs a place. A token whose ticket is gone gets a new ticket.
 */
@Controller("/api/performances/{id}/queue")
@Requires(env = FunctionEnvironments.ISSUE_TICKET)
public class IssueTicketController {
  private final SaleWindows sales;
  private final TicketCounter counter;
  private final TicketWindow window;
  private final QueueTokens tokens;
  private final QueueRules rules;
  private final Clock clock;

  public IssueTicketController(
      SaleWindows sales,
      TicketCounter counter,
      TicketWindow window,
      QueueTokens tokens,
      QueueRules rules,
      Clock clock) {
    this.sales = sales;
    this.counter = counter;
    this.window = window;
    this.tokens = tokens;
    this.rules = rules;
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
      if (status.live()) {
        return respond(HttpStatus.OK, tokens.sign(ticket, sale), ticket, status, sale);
      }
    }
    NewTicket issued = counter.issue(sale, now);
    TicketStatus status =
        issued.position().isPresent()
            ? new TicketStatus.Waiting(issued.position().getAsLong(), 0)
            : new TicketStatus.BeforeOpening(sale.opensAt());
    return respond(HttpStatus.CREATED, tokens.sign(issued.ref(), sale), issued.ref(), status, sale);
  }

  private HttpResponse<TicketResponse> respond(
      HttpStatus httpStatus, String token, TicketRef ticket, TicketStatus status, SaleWindow sale) {
    TicketResponse body;
    long retention = rules.retention().toSeconds();
    if (status instanceof TicketStatus.Waiting waiting) {
      body =
          new TicketResponse(
              token, ticket.number(), QueueStatus.WAITING, waiting.position(), null, retention);
    } else if (status instanceof TicketStatus.BeforeOpening) {
      body =
          new TicketResponse(
              token, ticket.number(), QueueStatus.WAITING, null, sale.opensAt(), retention);
    } else {
      body = new TicketResponse(token, ticket.number(), QueueStatus.ADMITTED, null, null, null);
    }
    return HttpResponse.<TicketResponse>status(httpStatus)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(body);
  }
}
