package dev.ticketing.auth;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

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
    return admit(BearerTokens.from(request), performanceId);
  }

  /** The same, for the bearer token a request carries (if any). */
  public AccessClaims admit(Optional<String> token, long performanceId) {
    AccessClaims claims = verify(token, performanceId);
    if (!sessionActive(claims)) {
      throw sessionEnded();
    }
    return claims;
  }

  /** The claims of a valid access token for this performance, whether or not its session lasts. */
  public AccessClaims verify(HttpRequest<?> request, long performanceId) {
    return verify(BearerTokens.from(request), performanceId);
  }

  /** The same, for the bearer token a request carries (if any). */
  public AccessClaims verify(Optional<String> presented, long performanceId) {
    String token =
        presented.orElseThrow(() -> ApiException.unauthorized("An access token is required."));
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
          ErrorCode.WRONG_PERFORMANCE, "This access token is for another performance.");
    }
    return claims;
  }

  public boolean sessionActive(AccessClaims claims) {
    return sessions.isActive(claims.performanceId(), claims.sessionId());
  }

  public static ApiException sessionEnded() {
    return ApiException.forbidden(
        ErrorCode.SESSION_ENDED, "Your ticketing session has ended. Join the queue again.");
  }
}
