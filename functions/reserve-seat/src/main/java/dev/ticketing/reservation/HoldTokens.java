package dev.ticketing.reservation;

import dev.ticketing.auth.BearerTokens;
import dev.ticketing.auth.InvalidTokenException;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The signed token a hold's answer carries: the only way to confirm, release or read that
 * reservation (the ticketing session ended with the hold, so the access token no longer can).
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class HoldTokens {
  /** How long a hold token stays valid after its hold's expiry: to show confirmed tickets again. */
  static final Duration VALID_AFTER_HOLD = Duration.ofDays(30);

  private final TokenCodec codec;
  private final Clock clock;

  public HoldTokens(TokenCodec codec, Clock clock) {
    this.codec = codec;
    this.clock = clock;
  }

  public String issue(long performanceId, String reservationId, Instant holdExpiresAt) {
    return codec.sign(
        new HoldClaims(
            performanceId, reservationId, holdExpiresAt.plus(VALID_AFTER_HOLD).getEpochSecond()));
  }

  /**
   * The request's hold token for reservation {@code reservationId} of this performance: 401 when
   * missing or invalid, 403 when it is another reservation's.
   */
  public HoldClaims require(HttpRequest<?> request, long performanceId, String reservationId) {
    return require(BearerTokens.from(request), performanceId, reservationId);
  }

  /** The same, for the bearer token a request carries (if any). */
  public HoldClaims require(Optional<String> presented, long performanceId, String reservationId) {
    String token =
        presented.orElseThrow(() -> ApiException.unauthorized("The hold token is required."));
    HoldClaims claims;
    try {
      claims = codec.verify(token, HoldClaims.class, clock.instant());
    } catch (InvalidTokenException e) {
      throw ApiException.unauthorized("The hold token is invalid: " + e.getMessage() + ".");
    }
    if (claims.reservationId() == null) {
      throw ApiException.unauthorized("The hold token is invalid: not a hold token.");
    }
    if (claims.performanceId() != performanceId) {
      throw ApiException.forbidden(
          ErrorCode.WRONG_PERFORMANCE, "This hold token is for another performance.");
    }
    if (!claims.reservationId().equals(reservationId)) {
      throw ApiException.forbidden(
          ErrorCode.WRONG_RESERVATION, "This hold token is for another reservation.");
    }
    return claims;
  }
}
