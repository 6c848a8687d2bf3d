package dev.ticketing.pollposition;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.QueueClaims;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.queue.QueueStatus;
import dev.ticketing.queue.QueueTokens;
import dev.ticketing.queue.TicketStatus;
import dev.ticketing.queue.TicketWindow;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A poll of the waiting room: the queue token verified, one Redis round trip ({@link
 * TicketWindow#poll}), the holder's answer; the same whether the request came through Micronaut
 * ({@link PositionController}) or the lean endpoint ({@link PollPositionEndpoints}).
 */
@Singleton
@Requires(env = FunctionEnvironments.POLL_POSITION)
public class Positions {
  /** A poll's answer is the holder's alone and changes with every call. */
  static final String CACHE_CONTROL = "no-store";

  private final QueueTokens tokens;
  private final TicketWindow window;
  private final QueueRules rules;
  private final Clock clock;

  public Positions(QueueTokens tokens, TicketWindow window, QueueRules rules, Clock clock) {
    this.tokens = tokens;
    this.window = window;
    this.rules = rules;
    this.clock = clock;
  }

  /** Where the holder of {@code token} stands; 401/403/410/429 as {@link ApiException}. */
  public PositionResponse poll(long performanceId, Optional<String> token) {
    Instant now = clock.instant();
    QueueClaims claims = tokens.require(token, performanceId, now);
    // The token expires with the performance's keys: its expiry is theirs.
    TicketStatus status = window.poll(claims.ticket(), now, Instant.ofEpochSecond(claims.exp()));
    return answer(claims, status);
  }

  private PositionResponse answer(QueueClaims claims, TicketStatus status) {
    long ticket = claims.ticketNumber();
    if (status instanceof TicketStatus.Waiting w) {
      return PositionResponse.waiting(
          ticket,
          w.position(),
          rules.estimatedWaitSeconds(w),
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
