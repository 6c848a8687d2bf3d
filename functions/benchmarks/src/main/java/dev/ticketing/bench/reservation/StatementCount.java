package dev.ticketing.bench.reservation;

import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.settings.LockStrategy;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** How many statements the server sees per uncontended reservation, per strategy. */
public final class StatementCount {
  private StatementCount() {}

  public static void main(String[] args) throws Exception {
    for (String name :
        List.of("ceiling", LockStrategy.DEFAULT.id(), "pessimistic", "optimistic", "redis-spin")) {
      try (ApplicationContext ctx =
          TestStores.context(
              FunctionEnvironments.RESERVE_SEAT,
              Map.of("LOCK_STRATEGY", name.equals("ceiling") ? "atomic" : name))) {
        DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
        Performance p = TestPerformances.create(ctx, 10, 20);
        List<Long> seats =
            ctx.getBean(SeatLayoutRepository.class).findLayout(p.id()).stream()
                .map(SeatInfo::id)
                .toList();
        Attempt attempt =
            name.equals("ceiling")
                ? new RawJdbcCeiling(ds)
                : new StrategyAttempt(ctx.getBean(Reservations.class));
        attempt.reserve(p.id(), seats.subList(0, 2));
        long before = questions(ds);
        int n = 50;
        for (int i = 1; i <= n; i++) {
          attempt.reserve(p.id(), seats.subList(2 * i, 2 * i + 2));
        }
        long after = questions(ds);
        long t0 = System.nanoTime();
        int timed = 0;
        for (int i = n + 1; 2 * i + 2 <= seats.size(); i++, timed++) {
          attempt.reserve(p.id(), seats.subList(2 * i, 2 * i + 2));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / timed;
        System.out.printf(
            "%-12s %.1f statements, %.2f ms per reservation alone%n",
            name, (after - before - 1) / (double) n, ms);
      }
    }
    System.exit(0);
  }

  private static long questions(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
      rs.next();
      return rs.getLong(2);
    }
  }
}
