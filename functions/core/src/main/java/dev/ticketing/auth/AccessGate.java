package dev.ticketing.auth;

import dev.ticketing.error.ApiException;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The check in front of the seat routes: a valid access token (401 otherwise) for this performance
 * whose session is still active (403 otherwise).
 */
@Singleton
public class AccessGate {
  private final TokenCodec tokens;
  private final SessionRegistry sessions;
  private final Clock clock;

  public AccessGate(TokenCodec tokens, SessionRegistry sessions, Clock clock) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.clock = clock;
  }

  public AccessClaims admit(HttpRequest<?> request, long performanceId) {
    String token =
        BearerTokens.from(request)
            .orElseThrow(() -> ApiException.unauthorized("An access token is required."));
    AccessClaims claims;
    try {
      claims = tokens.verify(token, AccessClaims.class, clock.instant());
    } catch (InvalidTokenException e) {
      throw ApiException.unauthorized("The access token is invalid: " + e.getMessage() + ".");
    }
    if (claims.sessionId() == null) {
      throw ApiException.unauthorized("The access token is invalid: not an access token.");
    }
    if (claims.performanceId() != performanceId) {
      throw ApiException.forbidden(
          "wrong_performance", "This access token is for another performance.");
    }
    if (!sessions.isActive(performanceId, claims.sessionId())) {
      throw ApiException.forbidden(
          "session_ended", "Your ticketing session has ended. Join the queue again.");
    }
    return claims;
  }
}
