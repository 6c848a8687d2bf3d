package dev.ticketing.queue;

import dev.ticketing.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/** Where a ticket stands, as one poll sees it. */
public sealed interface TicketStatus {

  /** Waiting for the sale to open: no position yet (the order is drawn at random). */
  record BeforeOpening(Instant opensAt) implements TicketStatus {}

  /** Waiting, with {@code position} live tickets ahead of it counting itself (1 = next). */
  record Waiting(long position, double admittedPerMinute) implements TicketStatus {
    /** From the measured admission rate; empty until a rate has been measured. */
    public OptionalLong estimatedWaitSeconds() {
      if (admittedPerMinute < 0.01) {
        return OptionalLong.empty();
      }
      return OptionalLong.of((long) Math.ceil(position * 60.0 / admittedPerMinute));
    }
  }

  /** Called: the holder's next poll opens the session (the slot is held until the deadline). */
  record Called() implements TicketStatus {}

  /** In a ticketing session: the seat routes accept this session until {@code expiresAt}. */
  record Admitted(String sessionId, Instant expiresAt) implements TicketStatus {
    public Duration remainingAt(Instant now) {
      return Duration.between(now, expiresAt);
    }
  }

  /** The ticket is no longer in the queue; the holder can join again. */
  record Gone(Reason reason) implements TicketStatus {}

  enum Reason {
    /** Abandoned (no poll within the retention), an unclaimed call, left, or lost with Redis. */
    TICKET_EXPIRED(ErrorCode.TICKET_EXPIRED),
    /** The ticket's session ended: a reservation, a DELETE, its expiry or an operator. */
    SESSION_ENDED(ErrorCode.SESSION_ENDED),
    /** The sale closed while the ticket waited. */
    SALE_ENDED(ErrorCode.SALE_ENDED);

    private final ErrorCode code;

    Reason(ErrorCode code) {
      this.code = code;
    }

    public ErrorCode code() {
      return code;
    }

    static Reason of(String code) {
      for (Reason r : values()) {
        if (r.code.code().equals(code)) {
          return r;
        }
      }
      throw new IllegalStateException("unknown reason " + code);
    }
  }

  default boolean live() {
    return !(this instanceof Gone);
  }
}
