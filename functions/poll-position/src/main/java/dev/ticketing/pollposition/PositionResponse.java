package dev.ticketing.pollposition;

import dev.ticketing.queue.QueueStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Where a ticket stands, and {@code pollAfterSeconds}: when to poll again (sooner is answered 429).
 * Waiting: {@code position}, {@code estimatedWaitSeconds} (from the configured admission rate until
 * one has been measured), {@code admittedPerMinute} (0 until measured), and {@code orderKey} and
 * {@code calls} to read the public queue state against; before the sale opens only {@code
 * saleOpensAt}; in both, {@code retentionSeconds}: how long beyond {@code pollAfterSeconds} the
 * place is kept without a poll. Admitted: the {@code accessToken} the seat routes require, when the
 * session ends, and (on the poll that claimed the call) when the call was made.
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
    int pollAfterSeconds,
    Long orderKey,
    Long calls,
    String accessToken,
    Instant sessionExpiresAt,
    Instant calledAt) {

  /** A holder with a session need not poll; if it does, the same session comes back. */
  static final int POLL_NOW = 1;

  static PositionResponse waiting(
      long ticket,
      long position,
      Long estimatedWaitSeconds,
      double admittedPerMinute,
      long retentionSeconds,
      int pollAfterSeconds,
      long orderKey,
      long calls) {
    return new PositionResponse(
        QueueStatus.WAITING,
        ticket,
        position,
        estimatedWaitSeconds,
        Math.round(admittedPerMinute * 10) / 10.0,
        null,
        retentionSeconds,
        pollAfterSeconds,
        orderKey,
        calls,
        null,
        null,
        null);
  }

  /**
   * Paused or sold out: the place is kept (while polled after {@code pollAfterSeconds}), with no
   * position to show.
   */
  static PositionResponse held(
      QueueStatus status, long ticket, long retentionSeconds, int pollAfterSeconds) {
    return new PositionResponse(
        status,
        ticket,
        null,
        null,
        null,
        null,
        retentionSeconds,
        pollAfterSeconds,
        null,
        null,
        null,
        null,
        null);
  }

  static PositionResponse beforeOpening(
      long ticket, Instant saleOpensAt, long retentionSeconds, int pollAfterSeconds) {
    return new PositionResponse(
        QueueStatus.WAITING,
        ticket,
        null,
        null,
        null,
        saleOpensAt,
        retentionSeconds,
        pollAfterSeconds,
        null,
        null,
        null,
        null,
        null);
  }

  static PositionResponse admitted(
      long ticket, String accessToken, Instant sessionExpiresAt, Instant calledAt) {
    return new PositionResponse(
        QueueStatus.ADMITTED,
        ticket,
        null,
        null,
        null,
        null,
        null,
        POLL_NOW,
        null,
        null,
        accessToken,
        sessionExpiresAt,
        calledAt);
  }
}
