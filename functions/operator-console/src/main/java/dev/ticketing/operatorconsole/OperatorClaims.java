package dev.ticketing.operatorconsole;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.auth.TokenClaims;
import io.micronaut.serde.annotation.Serdeable;

/** What an operator token says: who, for what ({@value #AUDIENCE}), until when. */
@Serdeable
public record OperatorClaims(
    @JsonProperty("op") String operator,
    @JsonProperty("aud") String audience,
    @JsonProperty("iat") long iat,
    @JsonProperty("exp") long exp)
    implements TokenClaims {
  public static final String AUDIENCE = "operator-console";
}
