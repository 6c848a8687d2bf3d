package dev.ticketing.queue;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.BearerTokens;
import dev.ticketing.auth.InvalidTokenException;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * Queue tokens: signed, bound to one performance and one ticket (number and secret id), valid until
 * the performance's queue keys expire. The access token is the seat routes' business; the queue
 * routes read it only to let a holder end their session.
 */
@Singleton
public class QueueTokens {
  private final TokenCodec codec;
  private final QueueRules rules;

  public QueueTokens(TokenCodec codec, QueueRules rules) {
    this.codec = codec;
    this.rules = rules;
  }

  public String sign(TicketRef ticket, SaleWindow sale) {
    return codec.sign(
        new QueueClaims(
            ticket.performanceId(),
            ticket.number(),
            ticket.ticketId(),
            rules.keysExpireAt(sale).getEpochSecond()));
  }

  /** The access token of an admitted ticket: what list-seats and reserve-seat require. */
  public String accessToken(TicketRef ticket, TicketStatus.Admitted session) {
    return codec.sign(
        new AccessClaims(
            ticket.performanceId(),
            ticket.number(),
            session.sessionId(),
            session.expiresAt().getEpochSecond()));
  }

  /**
   * The queue token the request carries, if any; 401 if it is not a valid one, 403 if for another
   * performance.
   */
  public Optional<QueueClaims> presented(HttpRequest<?> request, long performanceId, Instant now) {
    return presented(BearerTokens.from(request), performanceId, now);
  }

  /** The same, for the bearer token a request carries (if any). */
  public Optional<QueueClaims> presented(Optional<String> token, long performanceId, Instant now) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    QueueClaims claims = verify(token.get(), now);
    if (claims == null) {
      throw ApiException.unauthorized("The queue token is invalid: not a queue token.");
    }
    return Optional.of(forPerformance(claims, performanceId));
  }

  /** The queue token the request must carry (401 without one). */
  public QueueClaims require(HttpRequest<?> request, long performanceId, Instant now) {
    return require(BearerTokens.from(request), performanceId, now);
  }

  /** The same, for the bearer token a request carries (if any). */
  public QueueClaims require(Optional<String> token, long performanceId, Instant now) {
    return presented(token, performanceId, now)
        .orElseThrow(() -> ApiException.unauthorized("A queue token is required."));
  }

  /** Either token of a holder: the queue token (the ticket) or the access token (the session). */
  public Holder requireHolder(HttpRequest<?> request, long performanceId, Instant now) {
    String token =
        BearerTokens.from(request)
            .orElseThrow(() -> ApiException.unauthorized("A queue or access token is required."));
    QueueClaims ticket = verify(token, now);
    if (ticket != null) {
      return new Holder.Ticket(forPerformance(ticket, performanceId));
    }
    AccessClaims access;
    try {
      access = codec.verify(token, AccessClaims.class, now);
    } catch (InvalidTokenException e) {
      throw invalid(e);
    }
    if (access.sessionId() == null || access.sessionId().isBlank()) {
      throw ApiException.unauthorized("The token is invalid: neither a queue nor an access token.");
    }
    if (access.performanceId() != performanceId) {
      throw wrongPerformance();
    }
    return new Holder.Session(access);
  }

  /** Who a request speaks for: a ticket, or a session already open. */
  public sealed interface Holder {
    record Ticket(QueueClaims claims) implements Holder {}

    record Session(AccessClaims claims) implements Holder {}
  }

  /** The claims, or null when the token is valid but not a queue token (e.g. an access token). */
  private QueueClaims verify(String token, Instant now) {
    QueueClaims claims;
    try {
      claims = codec.verify(token, QueueClaims.class, now);
    } catch (InvalidTokenException e) {
      throw invalid(e);
    }
    if (claims.ticketId() == null || claims.ticketId().isBlank() || claims.ticketNumber() <= 0) {
      return null;
    }
    return claims;
  }

  private static QueueClaims forPerformance(QueueClaims claims, long performanceId) {
    if (claims.performanceId() != performanceId) {
      throw wrongPerformance();
    }
    return claims;
  }

  private static ApiException invalid(InvalidTokenException e) {
    return ApiException.unauthorized("The token is invalid: " + e.getMessage() + ".");
  }

  private static ApiException wrongPerformance() {
    return ApiException.forbidden(
        ErrorCode.WRONG_PERFORMANCE, "This token is for another performance.");
  }
}
