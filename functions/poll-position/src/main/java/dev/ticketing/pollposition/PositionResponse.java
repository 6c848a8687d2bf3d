package dev.ticketing.pollposition;

import dev.ticketing.queue.QueueStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Where a ticket stands. Waiting: {@code position}, {@code estimatedWaitSeconds} (absent until an
 * admission rate has been measured) and {@code admittedPerMinute}; before the sale opens only
 * {@code saleOpensAt}; in both, {@code retentionSeconds}: how long the place is kept without a
 * poll. Admitted: the {@code accessToken} the seat routes require and when the session ends.
 */
@Serdeable
public record PositionResponse(
    QueueStatus status,
    long ticketNumber,
    Long position,
    Long estimatedWaitSeconds,
    Double admittedPerMinute,
    Instant saleOpensAt,
    Long retentionSeconds,
    String accessToken,
    Instant sessionExpiresAt) {

  static PositionResponse waiting(
      long ticket,
      long position,
      Long estimatedWaitSeconds,
      double admittedPerMinute,
      long retentionSeconds) {
    return new PositionResponse(
        QueueStatus.WAITING,
        ticket,
        position,
        estimatedWaitSeconds,
        Math.round(admittedPerMinute * 10) / 10.0,
        null,
        retentionSeconds,
        null,
        null);
  }

  static PositionResponse beforeOpening(long ticket, Instant saleOpensAt, long retentionSeconds) {
    return new PositionResponse(
        QueueStatus.WAITING, ticket, null, null, null, saleOpensAt, retentionSeconds, null, null);
  }

  static PositionResponse admitted(long ticket, String accessToken, Instant sessionExpiresAt) {
    return new PositionResponse(
        QueueStatus.ADMITTED, ticket, null, null, null, null, null, accessToken, sessionExpiresAt);
  }
}
