package dev.ticketing.queue;

/** The {@code status} a queue answer gives its holder. */
public enum QueueStatus {
  /** In the line (or before the opening, without a position). */
  WAITING,
  /** Called or in a ticketing session: poll to get (or keep) the access token. */
  ADMITTED,
  /** The sale is paused: the place is kept; poll after {@code pollAfterSeconds}. */
  PAUSED,
  /** Nothing left to sell for now: the place is kept on the returns list while polled. */
  SOLD_OUT
}
