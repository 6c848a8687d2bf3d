package dev.ticketing.listseats;

import static dev.ticketing.testing.ApiResponses.assertError;
import static dev.ticketing.testing.ApiResponses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.local.EmbeddedRedis;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A store out of reach or saturated is a 503 with Retry-After and a JSON error, never a 500: on
 * real servers, one with its only pooled connection taken, one paused Redis.
 */
class StoreOutageTest {

  @Test
  void aDatabasePoolWithNoFreeConnectionAnswers503AndRecovers() throws Exception {
    try (ApplicationContext ctx =
        TestStores.context(FunctionEnvironments.LIST_SEATS, Map.of("DATABASE_POOL_SIZE", "1"))) {
      SeatMapCalls calls = new SeatMapCalls(new ListSeatsFunction(ctx));
      DataSource pool = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));

      APIGatewayProxyResponseEvent busy;
      try (Connection taken = pool.getConnection()) {
        busy = calls.call(ApiEvents.get("/api/performances"));
      }
      APIGatewayProxyResponseEvent afterwards = calls.call(ApiEvents.get("/api/performances"));

      assertServiceUnavailable(busy);
      assertEquals(200, afterwards.getStatusCode(), afterwards.getBody());
    }
  }

  @Test
  void aRedisThatDoesNotAnswerInTimeGives503() throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start(Optional.empty());
        ApplicationContext ctx =
            TestStores.context(
                FunctionEnvironments.LIST_SEATS,
                Map.of("REDIS_URL", redis.url(), "REDIS_COMMAND_TIMEOUT_MS", "200"));
        RedisClient admin = RedisClient.create(redis.url());
        StatefulRedisConnection<String, String> adminConnection = admin.connect()) {
      SeatMapCalls calls = new SeatMapCalls(new ListSeatsFunction(ctx));
      Performance performance = TestPerformances.create(ctx, 1, 4);
      String token = TestSessions.open(ctx, performance.id()).accessToken();
      assertEquals(200, calls.full(performance.id(), token).getStatusCode());

      adminConnection.sync().clientPause(2_000);
      APIGatewayProxyResponseEvent paused = calls.full(performance.id(), token);

      assertServiceUnavailable(paused);
    }
  }

  private static void assertServiceUnavailable(APIGatewayProxyResponseEvent response) {
    assertError(503, "service_unavailable", response);
    assertEquals("2", header(response, "Retry-After"));
  }
}
