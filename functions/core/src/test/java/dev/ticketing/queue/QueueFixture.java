package dev.ticketing.queue;

import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The waiting room's parts in one function context against the real test Redis and MariaDB. */
final class QueueFixture implements AutoCloseable {
  final ApplicationContext ctx;
  final TicketCounter counter;
  final TicketWindow window;
  final QueueAdvancer advancer;
  final QueueExit exit;
  final QueueControl control;
  final QueueRules rules;
  final QueueTokens tokens;
  final SessionRegistry sessions;
  final RedisCommands<String, String> redis;

  private QueueFixture(ApplicationContext ctx) {
    this.ctx = ctx;
    this.counter = ctx.getBean(TicketCounter.class);
    this.window = ctx.getBean(TicketWindow.class);
    this.advancer = ctx.getBean(QueueAdvancer.class);
    this.exit = ctx.getBean(QueueExit.class);
    this.control = ctx.getBean(QueueControl.class);
    this.rules = ctx.getBean(QueueRules.class);
    this.tokens = ctx.getBean(QueueTokens.class);
    this.sessions = ctx.getBean(SessionRegistry.class);
    this.redis = QueueDump.primary(ctx).sync();
  }

  static QueueFixture start(Map<String, String> settings) {
    return new QueueFixture(TestStores.context(FunctionEnvironments.ADVANCE_QUEUE, settings));
  }

  /** A fresh performance whose sale opened a second ago and closes in a day. */
  SaleWindow openSale() {
    return SaleWindows.of(TestPerformances.create(ctx, 1, 1));
  }

  /** A fresh performance whose sale opens at {@code opensAt}. */
  SaleWindow saleOpeningAt(Instant opensAt) {
    return SaleWindows.of(
        TestPerformances.create(ctx, 1, 1, opensAt, opensAt.plus(Duration.ofDays(1))));
  }

  List<TicketRef> issue(SaleWindow sale, int count, Instant now) {
    List<TicketRef> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tickets.add(counter.issue(sale, now).ref());
    }
    return tickets;
  }

  TicketStatus poll(SaleWindow sale, TicketRef ticket, Instant now) {
    return window.poll(ticket, now, rules.keysExpireAt(sale));
  }

  TicketStatus peek(SaleWindow sale, TicketRef ticket, Instant now) {
    return window.peek(ticket, now, rules.keysExpireAt(sale));
  }

  /** Sessions + pending calls right now, read atomically: what the capacity bounds. */
  long occupied(long performanceId) {
    QueueKeys keys = new QueueKeys(performanceId);
    return redis.eval(
        "return redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])",
        io.lettuce.core.ScriptOutputType.INTEGER,
        keys.sessions(),
        keys.called());
  }

  /** Every key of the performance and its full content: to prove that nothing changed. */
  Map<String, String> dump(long performanceId) {
    return QueueDump.of(redis, performanceId);
  }

  /** What a Redis flush does to one performance, without flushing a shared server. */
  void loseAllKeys(long performanceId) {
    List<String> keys = new ArrayList<>(dump(performanceId).keySet());
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
  }

  @Override
  public void close() {
    ctx.close();
  }
}
