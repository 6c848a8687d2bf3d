package dev.ticketing.pollposition;

import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.QueueClaims;
import dev.ticketing.queue.QueueExit;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.QueueStatus;
import dev.ticketing.queue.QueueTokens;
import dev.ticketing.queue.TicketStatus;
import dev.ticketing.queue.TicketWindow;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Status;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /api/performances/{id}/queue}: where the ticket stands and when to poll again (which
 * sets how long the place is kept); a called ticket is admitted here and gets its access token; a
 * waiting ticket polled before its time gets 429 with {@code Retry-After} and keeps its place.
 * {@code DELETE}: leave the queue or end the session. One Redis round trip each, no database.
 */
@Controller("/api/performances/{id}/queue")
@Requires(env = FunctionEnvironments.POLL_POSITION)
public class PositionController {
  private final QueueTokens tokens;
  private final TicketWindow window;
  private final QueueExit exit;
  private final SessionRegistry sessions;
  private final QueueRules rules;
  private final Clock clock;

  public PositionController(
      QueueTokens tokens,
      TicketWindow window,
      QueueExit exit,
      SessionRegistry sessions,
      QueueRules rules,
      Clock clock) {
    this.tokens = tokens;
    this.window = window;
    this.exit = exit;
    this.sessions = sessions;
    this.rules = rules;
    this.clock = clock;
  }

  @Get
  public HttpResponse<PositionResponse> poll(String id, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    Instant now = clock.instant();
    QueueClaims claims = tokens.require(request, performanceId, now);
    // The token expires with the performance's keys: its expiry is theirs.
    TicketStatus status = window.poll(claims.ticket(), now, Instant.ofEpochSecond(claims.exp()));
    return HttpResponse.ok(body(claims, status)).header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  @Delete
  @Status(HttpStatus.NO_CONTENT)
  public void leave(String id, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    QueueTokens.Holder holder = tokens.requireHolder(request, performanceId, clock.instant());
    if (holder instanceof QueueTokens.Holder.Ticket ticket) {
      exit.leave(ticket.claims().ticket());
    } else if (holder instanceof QueueTokens.Holder.Session session) {
      sessions.end(performanceId, session.claims().sessionId());
    }
  }

  private PositionResponse body(QueueClaims claims, TicketStatus status) {
    long ticket = claims.ticketNumber();
    if (status instanceof TicketStatus.Waiting w) {
      return PositionResponse.waiting(
          ticket,
          w.position(),
          w.estimatedWaitSeconds().isPresent() ? w.estimatedWaitSeconds().getAsLong() : null,
          w.admittedPerMinute(),
          rules.retention().toSeconds(),
          w.pollAfterSeconds(),
          w.orderKey(),
          w.calls());
    }
    if (status instanceof TicketStatus.Paused paused) {
      return PositionResponse.held(
          QueueStatus.PAUSED, ticket, rules.retention().toSeconds(), paused.pollAfterSeconds());
    }
    if (status instanceof TicketStatus.SoldOut soldOut) {
      return PositionResponse.held(
          QueueStatus.SOLD_OUT, ticket, rules.retention().toSeconds(), soldOut.pollAfterSeconds());
    }
    if (status instanceof TicketStatus.BeforeOpening b) {
      return PositionResponse.beforeOpening(
          ticket, b.opensAt(), rules.retention().toSeconds(), b.pollAfterSeconds());
    }
    if (status instanceof TicketStatus.Admitted a) {
      return PositionResponse.admitted(
          ticket, tokens.accessToken(claims.ticket(), a), a.expiresAt(), a.calledAt().orElse(null));
    }
    if (status instanceof TicketStatus.TooSoon early) {
      throw ApiException.tooManyRequests(
          ErrorCode.POLL_TOO_SOON,
          "Your place is kept. Check again in " + early.retryAfterSeconds() + " s.",
          early.retryAfterSeconds());
    }
    if (status instanceof TicketStatus.Gone gone) {
      throw new ApiException(HttpStatus.GONE, gone.reason().code(), message(gone.reason()));
    }
    throw new IllegalStateException("a poll always claims a call, never reports " + status);
  }

  private static String message(TicketStatus.Reason reason) {
    return switch (reason) {
      case TICKET_EXPIRED -> "Your place in the queue has expired. Join the queue again.";
      case SESSION_ENDED -> "Your ticketing session has ended. Join the queue again.";
      case SALE_ENDED -> "The sale of this performance has ended.";
    };
  }
}
