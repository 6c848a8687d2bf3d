package dev.ticketing.operatorconsole;

import dev.ticketing.auth.InvalidTokenException;
import dev.ticketing.auth.TokenCodec;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.Optional;

/**
 * Operator tokens: HS256 JWTs signed with the operator token key ({@code OPERATOR_TOKEN_KEY}, never
 * the buyers' key, so a buyer's queue or access token never verifies here), for {@link
 * OperatorClaims#AUDIENCE}, lasting {@code OPERATOR_TOKEN_TTL_SECONDS}. Used by the console
 * function and by API Gateway's authorizer alike.
 */
public final class OperatorTokens {
  private final TokenCodec codec;
  private final OperatorCredentials credentials;

  public OperatorTokens(OperatorCredentials credentials, JsonMapper json) {
    this.credentials = credentials;
    this.codec = new TokenCodec(credentials::tokenKey, json);
  }

  /** A signed token and when it expires. */
  public record Issued(String token, Instant expiresAt) {}

  public Issued issue(String operator, Instant now) {
    Instant expires = now.plus(credentials.tokenTtl());
    return new Issued(
        codec.sign(
            new OperatorClaims(
                operator, OperatorClaims.AUDIENCE, now.getEpochSecond(), expires.getEpochSecond())),
        expires);
  }

  /** The operator of a valid token; empty for one that is malformed, forged, expired or foreign. */
  public Optional<String> verify(String token, Instant now) {
    try {
      OperatorClaims claims = codec.verify(token, OperatorClaims.class, now);
      if (!OperatorClaims.AUDIENCE.equals(claims.audience())
          || claims.operator() == null
          || claims.operator().isBlank()) {
        return Optional.empty();
      }
      return Optional.of(claims.operator());
    } catch (InvalidTokenException e) {
      return Optional.empty();
    }
  }
}
