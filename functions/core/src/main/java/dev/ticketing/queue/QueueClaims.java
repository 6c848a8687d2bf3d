package dev.ticketing.queue;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.auth.TokenClaims;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a queue token says: the performance, the ticket number and the ticket's secret id (which
 * must match the one kept in Redis, so a token outlives neither its ticket nor a Redis data loss).
 */
@Serdeable
public record QueueClaims(
    @JsonProperty("perf") long performanceId,
    @JsonProperty("tkt") long ticketNumber,
    @JsonProperty("qid") String ticketId,
    @JsonProperty("exp") long exp)
    implements TokenClaims {

  public TicketRef ticket() {
    return new TicketRef(performanceId, ticketNumber, ticketId);
  }
}
