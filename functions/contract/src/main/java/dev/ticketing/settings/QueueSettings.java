package dev.ticketing.settings;

/**
 * The waiting room's rules: read by issue-ticket, poll-position, advance-queue and the operator.
 */
public record QueueSettings(
    int capacity,
    int retentionSeconds,
    int claimWindowSeconds,
    int sessionTtlSeconds,
    int advanceIntervalSeconds) {

  static QueueSettings read(EnvReader r) {
    return new QueueSettings(
        r.integer("QUEUE_CAPACITY", 100, 1, 100_000),
        r.integer("RETENTION_SECONDS", 120, 5, 86_400),
        r.integer("CLAIM_WINDOW_SECONDS", 60, 5, 3_600),
        r.integer("SESSION_TTL_SECONDS", 300, 10, 86_400),
        r.integer("ADVANCE_INTERVAL_SECONDS", 5, 1, 60));
  }
}
