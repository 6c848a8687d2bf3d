package dev.ticketing.queue;

/** The {@code status} a queue answer gives its holder. */
public enum QueueStatus {
  /** In the line (or before the opening, without a position). */
  WAITING,
  /** Called or in a ticketing session: poll to get (or keep) the access token. */
  ADMITTED
}
