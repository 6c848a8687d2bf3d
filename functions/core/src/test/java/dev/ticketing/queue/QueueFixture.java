package dev.ticketing.queue;

import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

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

  /** A fresh performance of {@code seats} seats (one row) whose sale opened a second ago. */
  SaleWindow openSaleOf(int seats) {
    return SaleWindows.of(TestPerformances.create(ctx, 1, seats));
  }

  /** Sets the status of {@code count} of the performance's seats (lowest ids first), in MySQL. */
  void setSeats(long performanceId, String status, int count) {
    DataSource database = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
    try (Connection c = database.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE seats SET status = ?, version = version + 1"
                    + " WHERE performance_id = ? ORDER BY id LIMIT ?")) {
      s.setString(1, status);
      s.setLong(2, performanceId);
      s.setInt(3, count);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tick sized by the seats MySQL says are left, as the advancer runs it. */
  TickResult tickByInventory(SaleWindow sale, Instant now) {
    return advancer.advance(
        sale, now, ctx.getBean(SeatInventory.class).count(sale.performanceId()));
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
