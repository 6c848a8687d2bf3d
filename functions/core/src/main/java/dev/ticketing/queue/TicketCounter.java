package dev.ticketing.queue;

import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

/** The ticket counter: hands out the next number of a performance's queue (one round trip). */
@Singleton
public class TicketCounter {
  private static final LuaScript ISSUE = LuaScript.load("queue/issue.lua");

  /** Order keys of tickets issued before opening are drawn below this; later ones start here. */
  static final long FIFO_BASE = 1L << 48;

  private final StatefulRedisConnection<String, String> redis;
  private final QueueRules rules;
  private final SecureRandom random = new SecureRandom();

  public TicketCounter(
      @Named("primary") StatefulRedisConnection<String, String> redis, QueueRules rules) {
    this.redis = redis;
    this.rules = rules;
  }

  public NewTicket issue(SaleWindow sale, Instant now) {
    QueueKeys keys = new QueueKeys(sale.performanceId());
    String ticketId = secretId();
    List<Object> result =
        ISSUE.run(
            redis.sync(),
            ScriptOutputType.MULTI,
            new String[] {keys.seq(), keys.waiting(), keys.seen(), keys.tickets(), keys.meta()},
            Long.toString(now.toEpochMilli()),
            Long.toString(sale.opensAt().toEpochMilli()),
            Long.toString(sale.closesAt().toEpochMilli()),
            Long.toString(rules.keysExpireAt(sale).toEpochMilli()),
            Long.toString(random.nextLong(FIFO_BASE)),
            ticketId);
    long number = (Long) result.get(0);
    long position = (Long) result.get(1);
    return new NewTicket(
        new TicketRef(sale.performanceId(), number, ticketId),
        position > 0 ? OptionalLong.of(position) : OptionalLong.empty());
  }

  private String secretId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
