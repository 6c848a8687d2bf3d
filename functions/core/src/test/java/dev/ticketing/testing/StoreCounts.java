package dev.ticketing.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.Qualifier;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** What the stores hold, to prove a step wrote nothing: the Redis keys and each table's rows. */
public final class StoreCounts {
  private StoreCounts() {}

  /** {@code "redis keys"} and {@code "rows of <table>"} for every table of the schema. */
  public static Map<String, Long> of(ApplicationContext ctx) {
    Map<String, Long> counts = new TreeMap<>();
    counts.put("redis keys", primary(ctx).sync().dbsize());
    DataSource ds = ctx.getBean(DataSource.class);
    HikariDataSource pool = (HikariDataSource) ctx.getBean(DataSourceResolver.class).resolve(ds);
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT table_name FROM information_schema.tables"
                  + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
          r.next();
          counts.put("rows of " + table, r.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  private static StatefulRedisConnection<String, String> primary(ApplicationContext ctx) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Qualifier<StatefulRedisConnection<String, String>> q = (Qualifier) Qualifiers.byName("primary");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<StatefulRedisConnection<String, String>> type = (Class) StatefulRedisConnection.class;
    return ctx.getBean(type, q);
  }
}
