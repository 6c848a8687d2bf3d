package dev.ticketing.queue;

import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * One tick of one performance's queue ({@code advance.lua}): drops expired sessions, unclaimed
 * calls and abandoned tickets, then calls the next live tickets until active sessions + pending
 * calls reach the capacity. Idempotent: any number of ticks, overlapping or late, keep that bound.
 */
@Singleton
public class QueueAdvancer {
  private static final LuaScript ADVANCE = LuaScript.load("queue/advance.lua");

  private final StatefulRedisConnection<String, String> redis;
  private final QueueRules rules;

  public QueueAdvancer(
      @Named("primary") StatefulRedisConnection<String, String> redis, QueueRules rules) {
    this.redis = redis;
    this.rules = rules;
  }

  public TickResult advance(SaleWindow sale, Instant now) {
    QueueKeys keys = new QueueKeys(sale.performanceId());
    List<Object> r =
        ADVANCE.run(
            redis.sync(),
            ScriptOutputType.MULTI,
            new String[] {
              keys.waiting(),
              keys.seen(),
              keys.tickets(),
              keys.called(),
              keys.sessions(),
              keys.rate(),
              keys.capacity(),
              keys.meta(),
              keys.seq(),
              keys.admitted()
            },
            Long.toString(now.toEpochMilli()),
            Integer.toString(rules.defaultCapacity()),
            Long.toString(rules.claimWindow().toMillis()),
            Long.toString(rules.retention().toMillis()),
            Long.toString(sale.opensAt().toEpochMilli()),
            Long.toString(rules.keysExpireAt(sale).toEpochMilli()),
            Integer.toString(QueueRules.TICK_BUDGET),
            Long.toString(QueueRules.RATE_TIME_CONSTANT.toMillis()));
    return new TickResult(
        sale.performanceId(),
        (Long) r.get(0),
        (Long) r.get(1),
        (Long) r.get(2),
        (Long) r.get(3),
        (Long) r.get(4),
        (Long) r.get(5),
        (Long) r.get(6),
        (Long) r.get(7),
        Double.parseDouble((String) r.get(8)));
  }
}
