package dev.ticketing.queue;

import dev.ticketing.redis.PerformanceKeys;

/**
 * The Redis keys of one performance's waiting room. All share the performance's hash tag {@code
 * {p<id>}}, so every script touches one slot and runs on Redis Cluster too.
 *
 * <ul>
 *   <li>{@code seq}: the ticket counter (the last number handed out)
 *   <li>{@code waiting}: sorted set of waiting ticket numbers by order key
 *   <li>{@code deadlines}: sorted set of waiting ticket numbers by deadline (epoch ms), the index
 *       the purge walks: never later than the ticket's real deadline (in {@code tickets}), which
 *       polls move forward without touching the index
 *   <li>{@code tickets}: hash ticket number → "secret id:deadline" for every live ticket: the
 *       secret its holder proves it by and, while it waits, when it is dropped unless polled (its
 *       next due poll plus the retention)
 *   <li>{@code called}: sorted set of called ticket numbers by claim deadline (epoch ms)
 *   <li>{@code called-at}: hash ticket number → when it was called (epoch ms), until claimed
 *   <li>{@code admitted}: hash ticket number → session id, once claimed
 *   <li>{@code sessions}: the active sessions the seat routes check (shared contract)
 *   <li>{@code rate}: hash with the queue's progress: the measured admissions per minute ({@code
 *       ewma}), the calls made so far ({@code calls}) and the largest order key called ({@code
 *       serving})
 *   <li>{@code capacity}: the operator's capacity, when set at run time
 *   <li>{@code meta}: hash with the sale window ({@code opens}, {@code closes}, epoch ms), the
 *       queue's clock ({@code paused}: when the current pause began; {@code shift}: the length of
 *       the finished pauses) and the seats the advancer last counted ({@code available}, {@code
 *       held}, {@code soldout} while neither is left)
 *   <li>{@code toll}: the join toll's difficulty an operator set (else {@code
 *       JOIN_PROOF_DIFFICULTY})
 *   <li>{@code proofs:<window start>}: set of the proofs of work used in that challenge window
 *   <li>{@code paused-sessions}: hash session id → the time it had left (ms) when the sale was
 *       paused, until the resume
 *   <li>{@code joins:<window start>}: hash client address → token-less joins in that window
 * </ul>
 */
public record QueueKeys(long performanceId) {

  public String seq() {
    return prefix() + "q:seq";
  }

  public String waiting() {
    return prefix() + "q:waiting";
  }

  public String deadlines() {
    return prefix() + "q:deadlines";
  }

  public String tickets() {
    return prefix() + "q:tickets";
  }

  public String called() {
    return prefix() + "q:called";
  }

  public String calledAt() {
    return prefix() + "q:called-at";
  }

  public String admitted() {
    return prefix() + "q:admitted";
  }

  public String sessions() {
    return PerformanceKeys.of(performanceId).sessions();
  }

  public String rate() {
    return prefix() + "q:rate";
  }

  public String capacity() {
    return prefix() + "q:capacity";
  }

  public String meta() {
    return prefix() + "q:meta";
  }

  /** The join toll's difficulty an operator set live (zero bits: none), else the setting's. */
  public String toll() {
    return prefix() + "q:toll";
  }

  /** The proofs of work used in the challenge window that starts at {@code windowStartSeconds}. */
  public String proofs(long windowStartSeconds) {
    return prefix() + "q:proofs:" + windowStartSeconds;
  }

  public String pausedSessions() {
    return prefix() + "q:paused-sessions";
  }

  /** The joins counted in the fixed window that starts at {@code windowStartMillis}. */
  public String joins(long windowStartMillis) {
    return prefix() + "q:joins:" + windowStartMillis;
  }

  private String prefix() {
    return PerformanceKeys.of(performanceId).prefix();
  }
}
