package dev.ticketing.settings;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The waiting room's rules: read by issue-ticket, poll-position, advance-queue and the operator.
 * The cadence (docs/queue.md): every queue answer tells the holder when to poll again, between
 * {@code pollAfterMinSeconds} and {@code pollAfterMaxSeconds} (stretched beyond it for a crowd
 * larger than {@code pollBudgetPerSecond} times that); token-less joins are limited per client
 * address ({@code joinLimitPerAddress} per {@code joinLimitWindowSeconds}, 0 = no limit), the
 * address read from {@code clientAddressHeader} when the edge in front sets it, else from the
 * connection. Admission is sized by the inventory too: at most {@code sessionsPerSeat} sessions +
 * calls per seat still available (docs/queue.md). Token-less joins pay a proof of work of {@code
 * joinProofDifficulty} zero bits (0: no toll), unless an operator sets another live.
 */
public record QueueSettings(
    int capacity,
    int retentionSeconds,
    int claimWindowSeconds,
    int sessionTtlSeconds,
    int advanceIntervalSeconds,
    int pollAfterMinSeconds,
    int pollAfterMaxSeconds,
    int pollBudgetPerSecond,
    int joinLimitPerAddress,
    int joinLimitWindowSeconds,
    Optional<String> clientAddressHeader,
    int sessionsPerSeat,
    int joinProofDifficulty) {

  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

  static QueueSettings read(EnvReader r) {
    QueueSettings queue =
        new QueueSettings(
            r.integer("QUEUE_CAPACITY", 100, 1, 100_000),
            r.integer("RETENTION_SECONDS", 120, 5, 86_400),
            r.integer("CLAIM_WINDOW_SECONDS", 60, 5, 3_600),
            r.integer("SESSION_TTL_SECONDS", 300, 10, 86_400),
            r.integer("ADVANCE_INTERVAL_SECONDS", 5, 1, 60),
            r.integer("POLL_AFTER_MIN_SECONDS", 2, 1, 60),
            r.integer("POLL_AFTER_MAX_SECONDS", 120, 1, 3_600),
            r.integer("QUEUE_POLL_BUDGET_PER_SECOND", 2_000, 1, 1_000_000),
            r.integer("JOIN_LIMIT_PER_ADDRESS", 30, 0, 1_000_000),
            r.integer("JOIN_LIMIT_WINDOW_SECONDS", 10, 1, 3_600),
            r.optional("CLIENT_ADDRESS_HEADER"),
            r.integer("QUEUE_SESSIONS_PER_SEAT", 2, 1, 1_000),
            r.integer("JOIN_PROOF_DIFFICULTY", 0, 0, 32));
    if (queue.pollAfterMaxSeconds() < queue.pollAfterMinSeconds()) {
      throw new InvalidSettingException(
          "POLL_AFTER_MAX_SECONDS", "must be at least POLL_AFTER_MIN_SECONDS");
    }
    queue
        .clientAddressHeader()
        .filter(h -> !HEADER_NAME.matcher(h).matches())
        .ifPresent(
            h -> {
              throw new InvalidSettingException(
                  "CLIENT_ADDRESS_HEADER", "must be an HTTP header name (got '" + h + "')");
            });
    return queue;
  }
}
