package dev.ticketing.queue;

import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * An operator's close of a sale, for good: its end moves to now in MySQL (the truth: the advancer
 * ticks no closed sale, joins get 410 {@code sale_ended}) and in the queue's copy ({@code
 * close.lua}: the next poll of every waiting or called ticket answers that the sale has ended, and
 * reservations are refused at once, {@link SalePause#gate}). Functions that cached the window see
 * the close within {@code SaleWindows.CACHE_FOR}.
 */
@Singleton
public class SaleClosing {
  private static final LuaScript CLOSE = LuaScript.load("queue/close.lua");

  private final SaleWindowRepository windows;
  private final StatefulRedisConnection<String, String> primary;
  private final QueueRules rules;
  private final SaleWindows sales;

  public SaleClosing(
      SaleWindowRepository windows,
      @Named("primary") StatefulRedisConnection<String, String> primary,
      QueueRules rules,
      SaleWindows sales) {
    this.windows = windows;
    this.primary = primary;
    this.rules = rules;
    this.sales = sales;
  }

  /** True if the sale was closed now, false if it had already ended. */
  public boolean close(SaleWindow sale, Instant now) {
    boolean closedNow = windows.closeSale(sale.performanceId(), now) == 1;
    SaleWindow closed = new SaleWindow(sale.performanceId(), sale.opensAt(), now);
    Long moved =
        CLOSE.run(
            primary.sync(),
            ScriptOutputType.INTEGER,
            new String[] {new QueueKeys(sale.performanceId()).meta()},
            Long.toString(now.toEpochMilli()),
            Long.toString(rules.keysExpireAt(closed).toEpochMilli()));
    sales.forget(sale.performanceId());
    return closedNow || moved == 1;
  }
}
