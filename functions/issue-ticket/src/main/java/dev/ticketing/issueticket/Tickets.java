package dev.ticketing.issueticket;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
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
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ticket counter, whichever way the request came ({@link IssueTicketEndpoints} or {@link
 * IssueTicketController}). Without a token, a new ticket (201), at most {@code
 * JOIN_LIMIT_PER_ADDRESS} per client address and window (429 beyond). With the queue token of a
 * live ticket, that same ticket again (200): a refresh, a second tab or a retry never costs a place
 * (it counts as a poll: 429 if it comes before the ticket's poll is due). A token whose ticket is
 * gone gets a new ticket. When the toll is on, a new ticket needs a proof of work in the body
 * ({@code {"challenge": ..., "nonce": ...}}, {@link JoinToll}); a re-join with the token of a live
 * ticket never pays it.
 */
@Singleton
@Requires(env = FunctionEnvironments.ISSUE_TICKET)
public class Tickets {
  /** A called or admitted holder should poll (claim) at once. */
  private static final int POLL_NOW = 1;

  /** A ticket's answer is the holder's alone. */
  static final String CACHE_CONTROL = "no-store";

  private final SaleWindows sales;
  private final TicketCounter counter;
  private final TicketWindow window;
  private final QueueTokens tokens;
  private final QueueRules rules;
  private final JoinToll toll;
  private final Clock clock;
  private final TicketMetrics metrics;

  public Tickets(
      SaleWindows sales,
      TicketCounter counter,
      TicketWindow window,
      QueueTokens tokens,
      QueueRules rules,
      JoinToll toll,
      Clock clock,
      TicketMetrics metrics) {
    this.toll = toll;
    this.sales = sales;
    this.counter = counter;
    this.window = window;
    this.tokens = tokens;
    this.rules = rules;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** A ticket's answer and its status: 201 for a new ticket, 200 for the presented one again. */
  public record Issued(int status, TicketResponse body) {}

  /**
   * The ticket of the holder of {@code token} (if live), else a new one for the client at {@code
   * address}, paying the toll with the proof in {@code body} (if any); 404/410/429 as {@link
   * ApiException}.
   */
  public Issued issue(
      long performanceId,
      Optional<String> token,
      Supplier<Optional<String>> address,
      JsonNode body) {
    Instant now = clock.instant();
    Optional<QueueClaims> presented = tokens.presented(token, performanceId, now);
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
        return new Issued(200, answer(tokens.sign(ticket, sale), ticket, status, sale));
      }
    }
    Optional<JoinToll.Proof> proof =
        toll.verifyIfPresent(performanceId, field(body, "challenge"), field(body, "nonce"), now);
    NewTicket t = counter.issue(sale, now, address.get(), proof);
    metrics.issued();
    TicketStatus status =
        t.position().isPresent()
            ? new TicketStatus.Waiting(
                t.position().getAsLong(), 0, t.pollAfterSeconds(), t.orderKey(), t.calls())
            : new TicketStatus.BeforeOpening(sale.opensAt(), t.pollAfterSeconds());
    return new Issued(201, answer(tokens.sign(t.ref(), sale), t.ref(), status, sale));
  }

  /** A text field of the JSON body (the toll's proof), if there is one. */
  private static Optional<String> field(JsonNode body, String name) {
    return Optional.ofNullable(body)
        .filter(JsonNode::isObject)
        .map(b -> b.get(name))
        .filter(JsonNode::isString)
        .map(JsonNode::getStringValue);
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
}
