package dev.ticketing.issueticket;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.ClientAddresses;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.JoinToll;
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
import io.micronaut.json.tree.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /api/performances/{id}/queue}: the ticket counter. Without a token, a new ticket
 * (201), at most {@code JOIN_LIMIT_PER_ADDRESS} per client address and window (429 beyond). With
 * the queue token of a live ticket, that same ticket again (200): a refresh, a second tab or a
 * retry never costs a place (it counts as a poll: 429 if it comes before the ticket's poll is due).
 * A token whose ticket is gone gets a new ticket. When the toll is on, a new ticket needs a proof
 * of work in the body ({@code {"challenge": ..., "nonce": ...}}, {@link JoinToll}); a re-join with
 * the token of a live ticket never pays it.
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
  private final JoinToll toll;
  private final Clock clock;
  private final TicketMetrics metrics;

  public IssueTicketController(
      SaleWindows sales,
      TicketCounter counter,
      TicketWindow window,
      QueueTokens tokens,
      QueueRules rules,
      ClientAddresses addresses,
      JoinToll toll,
      Clock clock,
      TicketMetrics metrics) {
    this.toll = toll;
    this.sales = sales;
    this.counter = counter;
    this.window = window;
    this.tokens = tokens;
    this.rules = rules;
    this.addresses = addresses;
    this.clock = clock;
    this.metrics = metrics;
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
    Optional<JoinToll.Proof> proof =
        toll.verifyIfPresent(
            performanceId, field(request, "challenge"), field(request, "nonce"), now);
    NewTicket t = counter.issue(sale, now, addresses.of(request), proof);
    metrics.issued();
    TicketStatus status =
        t.position().isPresent()
            ? new TicketStatus.Waiting(
                t.position().getAsLong(), 0, t.pollAfterSeconds(), t.orderKey(), t.calls())
            : new TicketStatus.BeforeOpening(sale.opensAt(), t.pollAfterSeconds());
    return respond(HttpStatus.CREATED, answer(tokens.sign(t.ref(), sale), t.ref(), status, sale));
  }

  /** A text field of the JSON body (the toll's proof), if there is one. */
  private static Optional<String> field(HttpRequest<?> request, String name) {
    try {
      return request
          .getBody(JsonNode.class)
          .map(body -> body.get(name))
          .filter(JsonNode::isString)
          .map(JsonNode::getStringValue);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
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
          rules.estimatedWaitSeconds(w),
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
          null,
          sale.opensAt(),
          retention,
          b.pollAfterSeconds(),
          null,
          null);
    }
    if (status instanceof TicketStatus.Paused p) {
      return held(token, number, QueueStatus.PAUSED, p.pollAfterSeconds());
    }
    if (status instanceof TicketStatus.SoldOut s) {
      return held(token, number, QueueStatus.SOLD_OUT, s.pollAfterSeconds());
    }
    return new TicketResponse(
        token, number, QueueStatus.ADMITTED, null, null, null, null, POLL_NOW, null, null);
  }

  /** Paused or sold out: the place is kept, with no position to show. */
  private TicketResponse held(String token, long number, QueueStatus status, int pollAfter) {
    return new TicketResponse(
        token,
        number,
        status,
        null,
        null,
        null,
        rules.retention().toSeconds(),
        pollAfter,
        null,
        null);
  }

  private static HttpResponse<TicketResponse> respond(HttpStatus status, TicketResponse body) {
    return HttpResponse.<TicketResponse>status(status)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(body);
  }
}
