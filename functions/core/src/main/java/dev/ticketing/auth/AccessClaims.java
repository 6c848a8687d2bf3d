package dev.ticketing.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the access token of an admitted buyer says: the performance, the ticket it was issued for,
 * the ticketing session (revocable in Redis) and when it expires.
 */
@Serdeable
public record AccessClaims(
    @JsonProperty("perf") long performanceId,
    @JsonProperty("tkt") long ticketNumber,
    @JsonProperty("sid") String sessionId,
    @JsonProperty("exp") long exp)
    implements TokenClaims {
  public static final String TYPE = "access";

  /**
   * Who the holder limit and the reservations count as one buyer: the ticketing session, one
   * admission through the waiting room (docs/seats.md: "What a holder is").
   */
  public String holder() {
    return sessionId;
  }
}
