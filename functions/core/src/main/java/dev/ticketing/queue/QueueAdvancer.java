package dev.ticketing.queue;

import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One tick of one performance's queue: first slices of abandoned tickets dropped ({@code
 * purge.lua}, each its own short script, so Redis serves other clients between them; more while
 * they come back full, up to {@link QueueRules#PURGE_SLICES_PER_TICK}), then {@code advance.lua}:
 * drops expired sessions and unclaimed calls, then calls the next live tickets until active
 * sessions + pending calls reach the capacity. Idempotent: any number of ticks, overlapping or
 * late, keep that bound. With the seats counted ({@link SeatStock}), the bound is also {@code
 * QUEUE_SESSIONS_PER_SEAT} per seat available, and none left marks the sale sold out.
 */
@Singleton
public class QueueAdvancer {
  private static final LuaScript ADVANCE =
      LuaScript.load("queue/advance.lua", "queue/queue-clock.lua");
  private static final LuaScript PURGE = LuaScript.load("queue/purge.lua", "queue/queue-clock.lua");

  private final StatefulRedisConnection<String, String> redis;
  private final QueueRules rules;

  public QueueAdvancer(
      @Named("primary") StatefulRedisConnection<String, String> redis, QueueRules rules) {
    this.redis = redis;
    this.rules = rules;
  }

  /** A tick bounded by the capacity alone (the seats not counted). */
  public TickResult advance(SaleWindow sale, Instant now) {
    return advance(sale, now, Optional.empty());
  }

  /** A tick bounded by the capacity and by the seats left. */
  public TickResult advance(SaleWindow sale, Instant now, SeatStock stock) {
    return advance(sale, now, Optional.of(stock));
  }

  private TickResult advance(SaleWindow sale, Instant now, Optional<SeatStock> stock) {
    QueueKeys keys = new QueueKeys(sale.performanceId());
    long purged = 0;
    for (int slice = 0; slice < QueueRules.PURGE_SLICES_PER_TICK; slice++) {
      Purged p = purgeSlice(keys, now);
      purged += p.dropped();
      if (p.examined() < QueueRules.PURGE_SLICE) {
        break;
      }
    }
    List<Object> r =
        ADVANCE.run(
            redis.sync(),
            ScriptOutputType.MULTI,
            new String[] {
              keys.waiting(),
              keys.deadlines(),
              keys.tickets(),
              keys.called(),
              keys.sessions(),
              keys.rate(),
              keys.capacity(),
              keys.meta(),
              keys.seq(),
              keys.admitted(),
              keys.calledAt()
            },
            Long.toString(now.toEpochMilli()),
            Integer.toString(rules.defaultCapacity()),
            Long.toString(rules.claimWindow().toMillis()),
            Long.toString(rules.retention().toMillis()),
            Long.toString(sale.opensAt().toEpochMilli()),
            Long.toString(rules.keysExpireAt(sale).toEpochMilli()),
            Integer.toString(QueueRules.TICK_BUDGET),
            Long.toString(QueueRules.RATE_TIME_CONSTANT.toMillis()),
            stock.map(st -> Long.toString(st.available())).orElse(""),
            stock.map(st -> Long.toString(st.held())).orElse("0"),
            Integer.toString(rules.sessionsPerSeat()));
    return new TickResult(
        sale.performanceId(),
        (Long) r.get(0),
        (Long) r.get(1),
        purged + (Long) r.get(2),
        (Long) r.get(3),
        (Long) r.get(4),
        (Long) r.get(5),
        (Long) r.get(6),
        (Long) r.get(7),
        Double.parseDouble((String) r.get(8)),
        (Long) r.get(9),
        (Long) r.get(10) == 1,
        (Long) r.get(11) == 1);
  }

  /** What one purge slice did: tickets dropped, of the lapsed index entries it examined. */
  public record Purged(long dropped, long examined) {}

  /**
   * One slice of {@code purge.lua}: examines up to {@link QueueRules#PURGE_SLICE} lapsed index
   * entries, drops the tickets past their deadline and re-indexes the live ones.
   */
  public Purged purgeSlice(QueueKeys keys, Instant now) {
    List<Object> r =
        PURGE.run(
            redis.sync(),
            ScriptOutputType.MULTI,
            new String[] {keys.waiting(), keys.deadlines(), keys.tickets(), keys.meta()},
            Long.toString(now.toEpochMilli()),
            Integer.toString(QueueRules.PURGE_SLICE));
    return new Purged((Long) r.get(0), (Long) r.get(1));
  }
}
