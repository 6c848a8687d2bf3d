package dev.ticketing.queue;

import dev.ticketing.redis.PerformanceKeys;

/**
 * The Redis keys of one performance's waiting room. All share the performance's hash tag {@code
 * {p<id>}}, so every script touches one slot and runs on Redis Cluster too.
 *
 * <ul>
 *   <li>{@code seq}: the ticket counter (the last number handed out)
 *   <li>{@code waiting}: sorted set of waiting ticket numbers by order key
 *   <li>{@code seen}: sorted set of waiting ticket numbers by last heartbeat (epoch ms)
 *   <li>{@code tickets}: hash ticket number → the ticket's secret id, for every live ticket
 *   <li>{@code called}: sorted set of called ticket numbers by claim deadline (epoch ms)
 *   <li>{@code admitted}: hash ticket number → session id, once claimed
 *   <li>{@code sessions}: the active sessions the seat routes check (shared contract)
 *   <li>{@code rate}: hash with the measured admissions per minute ({@code ewma})
 *   <li>{@code capacity}: the operator's capacity, when set at run time
 *   <li>{@code meta}: hash with the sale window ({@code opens}, {@code closes}, epoch ms)
 * </ul>
 */
public record QueueKeys(long performanceId) {

  public String seq() {
    return prefix() + "q:seq";
  }

  public String waiting() {
    return prefix() + "q:waiting";
  }

  public String seen() {
    return prefix() + "q:seen";
  }

  public String tickets() {
    return prefix() + "q:tickets";
  }

  public String called() {
    return prefix() + "q:called";
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

  private String prefix() {
    return PerformanceKeys.of(performanceId).prefix();
  }
}
