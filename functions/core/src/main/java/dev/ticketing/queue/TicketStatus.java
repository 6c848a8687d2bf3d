package dev.ticketing.queue;

import dev.ticketing.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Where a ticket stands, as one poll sees it. */
public sealed interface TicketStatus {

  /** Waiting for the sale to open: no position yet (the order is drawn at random). */
  record BeforeOpening(Instant opensAt, int pollAfterSeconds) implements TicketStatus {}

  /**
   * Waiting, with {@code position} live tickets ahead of it counting itself (1 = next); poll again
   * after {@code pollAfterSeconds}. {@code orderKey} is the ticket's place in the order and {@code
   * calls} the calls made so far: the public progress says how many calls came since, and the
   * ticket is called once its largest called key reaches {@code orderKey}.
   */
  record Waiting(
      long position, double admittedPerMinute, int pollAfterSeconds, long orderKey, long calls)
      implements TicketStatus {
    /** From the measured admission rate; empty until a rate has been measured. */
    public OptionalLong estimatedWaitSeconds() {
      if (admittedPerMinute < 0.01) {
        return OptionalLong.empty();
      }
      return OptionalLong.of((long) Math.ceil(position * 60.0 / admittedPerMinute));
    }
  }

  /**
   * A waiting ticket polled before its time: nothing changed (the place is kept); its poll is due
   * after {@code retryAfter}.
   */
  record TooSoon(Duration retryAfter) implements TicketStatus {
    /**
     * The longest {@code Retry-After} a refused poll is told. A client that ignores {@code
     * pollAfterSeconds} but honours {@code Retry-After} (the SPA before the cadence did) checks
     * again at least this often, each check one O(1) script, and so claims a call within this of
     * it, instead of holding the called slot idle until its due poll.
     */
    public static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(10);

    /** The seconds to tell the client: to the due poll, rounded up, at most 10. */
    public long retryAfterSeconds() {
      long due = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      return Math.min(due, LONGEST_RETRY_AFTER.toSeconds());
    }
  }

  /**
   * The sale is paused: the place (or the call) is kept, whatever the pause's length, and nothing
   * changed; poll again after {@code pollAfterSeconds}.
   */
  record Paused(int pollAfterSeconds) implements TicketStatus {}

  /**
   * Nothing left to sell: no seat available and none held. The ticket keeps its place on the
   * returns list (the queue, in ticket order) while its holder polls after {@code
   * pollAfterSeconds}; seats that come back reopen the queue.
   */
  record SoldOut(int pollAfterSeconds) implements TicketStatus {}

  /** Called: the holder's next poll opens the session (the slot is held until the deadline). */
  record Called() implements TicketStatus {}

  /**
   * In a ticketing session: the seat routes accept this session until {@code expiresAt}. The poll
   * that claimed the call also knows when the call was made ({@code calledAt}).
   */
  record Admitted(String sessionId, Instant expiresAt, Optional<Instant> calledAt)
      implements TicketStatus {
    public Admitted(String sessionId, Instant expiresAt) {
      this(sessionId, expiresAt, Optional.empty());
    }

    /** The same session, whichever poll saw it. */
    public boolean sameSession(Admitted other) {
      return sessionId.equals(other.sessionId) && expiresAt.equals(other.expiresAt);
    }

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
