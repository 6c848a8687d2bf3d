package dev.ticketing.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.catalog.Catalog;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.RedisConnectionSet;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.Qualifier;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotHooksTest {
  private ApplicationContext ctx;
  private DefaultCheckpointSimulator snapshot;
  private StatefulRedisConnection<String, String> primary;
  private StatefulRedisConnection<String, String> reader;

  @BeforeEach
  void start() {
    ctx = TestStores.context(FunctionEnvironments.LIST_SEATS);
    List<OrderedResource> resources = new ArrayList<>(ctx.getBeansOfType(OrderedResource.class));
    OrderUtil.sort(resources);
    snapshot = new DefaultCheckpointSimulator(resources);
    primary = redis("primary");
    reader = redis("reader");
  }

  @AfterEach
  void stop() {
    ctx.close();
  }

  @Test
  void closesRedisAndSuspendsThePoolBeforeTheCheckpoint() {
    assertEquals("PONG", primary.sync().ping());
    assertEquals(1, sqlOne());

    snapshot.runBeforeCheckpoint();

    assertEquals(0, ctx.getBean(RedisConnectionSet.class).openCount());
    HikariDataSource pool = hikari();
    assertTrue(pool.getHikariPoolMXBean() != null, "Hikari pool started");
    assertEquals(0, pool.getHikariPoolMXBean().getTotalConnections());
  }

  @Test
  void injectedConnectionsAndThePoolWorkAgainAfterRestore() {
    assertEquals("PONG", reader.sync().ping());
    assertEquals(1, sqlOne());

    snapshot.runBeforeCheckpoint();
    snapshot.runAfterRestore();

    assertSame(primary, redis("primary"));
    assertEquals(2, ctx.getBean(RedisConnectionSet.class).openCount());
    assertEquals("PONG", primary.sync().ping());
    assertEquals("PONG", reader.sync().ping());
    assertEquals(1, sqlOne());
  }

  @Test
  void functionBeansStillAnswerAfterRestore() throws Exception {
    long perf = TestPerformances.create(ctx, 2, 3).id();
    TestSessions.Session session = TestSessions.open(ctx, perf);

    snapshot.runBeforeCheckpoint();
    snapshot.runAfterRestore();

    assertEquals(perf, ctx.getBean(Catalog.class).require(perf).id());
    AccessClaims claims =
        ctx.getBean(TokenCodec.class)
            .verify(session.accessToken(), AccessClaims.class, Instant.now());
    assertTrue(ctx.getBean(SessionRegistry.class).isActive(perf, claims.sessionId()));
  }

  @Test
  void primingRunsTheHotPathButWritesNothing() {
    assertEquals(List.of(), ctx.getBean(PrimingResource.class).prime());

    // Its fixed ids (performance 0, session "priming") leave no row and no key behind.
    assertEquals(0, queryInt("SELECT COUNT(*) FROM performances WHERE id = 0"));
    assertEquals(0, queryInt("SELECT COUNT(*) FROM reservations WHERE performance_id = 0"));
    assertEquals(List.of(), primary.sync().keys("{p0}:*"));
  }

  private StatefulRedisConnection<String, String> redis(String name) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Qualifier<StatefulRedisConnection<String, String>> q = (Qualifier) Qualifiers.byName(name);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<StatefulRedisConnection<String, String>> type = (Class) StatefulRedisConnection.class;
    return ctx.getBean(type, q);
  }

  /** The pool itself: the DataSource bean is a proxy that only works inside a transaction. */
  private HikariDataSource hikari() {
    DataSource ds = ctx.getBean(DataSource.class);
    return (HikariDataSource) ctx.getBean(DataSourceResolver.class).resolve(ds);
  }

  private int sqlOne() {
    return queryInt("SELECT 1");
  }

  private int queryInt(String sql) {
    try (Connection c = hikari().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
