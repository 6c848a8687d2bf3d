package dev.ticketing.pollposition;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Where a ticket stands. Waiting: {@code position}, {@code estimatedWaitSeconds} (absent until an
 * admission rate has been measured) and {@code admittedPerMinute}; before the sale opens only
 * {@code saleOpensAt}. Admitted: the {@code accessToken} the seat routes require and when the
 * session ends.
 */
@Serdeable
public record PositionResponse(
    String status,
    long ticketNumber,
    Long position,
    Long estimatedWaitSeconds,
    Double admittedPerMinute,
    Instant saleOpensAt,
    String accessToken,
    Instant sessionExpiresAt) {

  static PositionResponse waiting(
      long ticket, long position, Long estimatedWaitSeconds, double admittedPerMinute) {
    return new PositionResponse(
        "WAITING",
        ticket,
        position,
        estimatedWaitSeconds,
        Math.round(admittedPerMinute * 10) / 10.0,
        null,
        null,
        null);
  }

  static PositionResponse beforeOpening(long ticket, Instant saleOpensAt) {
    return new PositionResponse("WAITING", ticket, null, null, null, saleOpensAt, null, null);
  }

  static PositionResponse admitted(long ticket, String accessToken, Instant sessionExpiresAt) {
    return new PositionResponse(
        "ADMITTED", ticket, null, null, null, null, accessToken, sessionExpiresAt);
  }
}
