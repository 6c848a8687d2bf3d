package dev.ticketing.queue;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The ticket counter: hands out the next number of a performance's queue (one round trip), at most
 * {@code JOIN_LIMIT_PER_ADDRESS} per client address and window.
 */
@Singleton
public class TicketCounter {
  private static final LuaScript ISSUE =
      LuaScript.load("queue/issue.lua", "queue/poll-after.lua", "queue/queue-clock.lua");

  /** Order keys of tickets issued before opening are drawn below this; later ones start here. */
  public static final long FIFO_BASE = 1L << 48;

  private final StatefulRedisConnection<String, String> redis;
  private final QueueRules rules;
  private final SecureRandom random = new SecureRandom();

  public TicketCounter(
      @Named("primary") StatefulRedisConnection<String, String> redis, QueueRules rules) {
    this.redis = redis;
    this.rules = rules;
  }

  /** A new ticket, whoever asks (no join limit): the operator's and the tests' way in. */
  public NewTicket issue(SaleWindow sale, Instant now) {
    return issue(sale, now, Optional.empty());
  }

  /**
   * A new ticket for a client at {@code address} (empty when unknown: no limit applies); 429 {@code
   * too_many_joins} with the rest of the window when that address has used up its joins.
   */
  public NewTicket issue(SaleWindow sale, Instant now, Optional<String> address) {
    return issue(sale, now, address, Optional.empty());
  }

  /**
   * Like {@link #issue(SaleWindow, Instant, Optional)}, paying the toll with {@code proof} (checked
   * by {@link JoinToll#verify}): 428 {@code proof_required} when the toll asks more than it brings
   * (or none is brought), 409 {@code proof_used} when it was used before.
   */
  public NewTicket issue(
      SaleWindow sale, Instant now, Optional<String> address, Optional<JoinToll.Proof> proof) {
    Call call = call(sale, now, address, proof);
    List<Object> result = ISSUE.run(redis.sync(), ScriptOutputType.MULTI, call.keys(), call.args());
    if ("TOLL".equals(result.get(0))) {
      throw JoinToll.required(((Long) result.get(1)).intValue());
    }
    if ("SPENT".equals(result.get(0))) {
      throw JoinToll.used();
    }
    if ("LIMITED".equals(result.get(0))) {
      long ms = (Long) result.get(1);
      throw ApiException.tooManyRequests(
          ErrorCode.TOO_MANY_JOINS,
          "Too many people joined the queue from your network just now. Try again in a few seconds.",
          (ms + 999) / 1000);
    }
    return newTicket(call, result);
  }

  /**
   * The same as {@link #issue(SaleWindow, Instant)}, sent without waiting for the answer, so that
   * many can be pipelined (the queue benchmark fills a queue with a million tickets this way). The
   * script must be known to the server: issue one ticket the ordinary way first.
   */
  public CompletableFuture<NewTicket> issueAsync(
      RedisAsyncCommands<String, String> async, SaleWindow sale, Instant now) {
    Call call = call(sale, now, Optional.empty(), Optional.empty());
    return ISSUE
        .<List<Object>>runAsync(async, ScriptOutputType.MULTI, call.keys(), call.args())
        .toCompletableFuture()
        .thenApply(result -> newTicket(call, result));
  }

  /** One call of issue.lua: its keys and arguments, and the secret id it gives the ticket. */
  private record Call(long performanceId, String ticketId, String[] keys, String[] args) {}

  private Call call(
      SaleWindow sale, Instant now, Optional<String> address, Optional<JoinToll.Proof> proof) {
    QueueKeys keys = new QueueKeys(sale.performanceId());
    String ticketId = secretId();
    long window = rules.joinLimitWindow().toMillis();
    long windowStart = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), window);
    String[] args =
        Stream.of(
                Stream.of(
                    Long.toString(now.toEpochMilli()),
                    Long.toString(sale.opensAt().toEpochMilli()),
                    Long.toString(sale.closesAt().toEpochMilli()),
                    Long.toString(rules.keysExpireAt(sale).toEpochMilli()),
                    Long.toString(random.nextLong(FIFO_BASE)),
                    ticketId,
                    Long.toString(rules.retention().toMillis()),
                    address.orElse(""),
                    Integer.toString(rules.joinLimitPerAddress()),
                    Long.toString(windowStart + window)),
                Stream.of(rules.cadenceArgs()),
                Stream.of(
                    Integer.toString(rules.joinProofDifficulty()),
                    proof.map(p -> Integer.toString(p.difficulty())).orElse(""),
                    proof.map(JoinToll.Proof::id).orElse(""),
                    proof.map(p -> Long.toString(p.windowEndsAt().toEpochMilli())).orElse("0")))
            .flatMap(s -> s)
            .toArray(String[]::new);
    return new Call(
        sale.performanceId(),
        ticketId,
        new String[] {
          keys.seq(),
          keys.waiting(),
          keys.deadlines(),
          keys.tickets(),
          keys.meta(),
          keys.rate(),
          keys.capacity(),
          keys.joins(windowStart),
          keys.toll(),
          keys.proofs(
              proof
                  .map(p -> p.windowEndsAt().minus(JoinToll.WINDOW.multipliedBy(2)))
                  .orElse(now)
                  .getEpochSecond())
        },
        args);
  }

  private static NewTicket newTicket(Call call, List<Object> result) {
    long number = (Long) result.get(1);
    long position = (Long) result.get(2);
    return new NewTicket(
        new TicketRef(call.performanceId(), number, call.ticketId()),
        position > 0 ? OptionalLong.of(position) : OptionalLong.empty(),
        ((Long) result.get(3)).intValue(),
        Long.parseLong((String) result.get(4)),
        (Long) result.get(5));
  }

  private String secretId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
