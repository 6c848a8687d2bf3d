package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.metrics.MetricGroup;
import dev.ticketing.reservation.StrategyTests;
import dev.ticketing.testing.EmfCapture;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reservation metrics as CloudWatch reads them: one EMF line per reservation made or lost,
 * written by the handler itself, on real MariaDB and Redis.
 */
class ReservationMetricsTest {
  private static ApplicationContext ctx;
  private static ReserveCalls calls;
  private static JsonMapper json;

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.RESERVE_SEAT);
    json = ctx.getBean(JsonMapper.class);
    calls = new ReserveCalls(new ReserveSeatFunction(ctx), json);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @Test
  void aReservationAndALostRaceEachWriteOneEmfLineByLockStrategy() {
    Performance performance = TestPerformances.create(ctx, 1, 3);
    List<Long> seat = StrategyTests.seatIds(ctx, performance).subList(0, 1);
    String winner = TestSessions.open(ctx, performance.id()).accessToken();
    String loser = TestSessions.open(ctx, performance.id()).accessToken();

    long before = System.currentTimeMillis();
    List<Map<String, Object>> lines;
    try (EmfCapture emf = new EmfCapture(json)) {
      assertEquals(201, calls.reserve(performance.id(), winner, seat).getStatusCode());
      assertEquals(409, calls.reserve(performance.id(), loser, seat).getStatusCode());
      // A replay of the reservation (the answer was lost) is no new reservation.
      assertEquals(200, calls.reserve(performance.id(), winner, seat).getStatusCode());
      // Bad input is neither.
      assertEquals(400, calls.reserve(performance.id(), loser, List.of()).getStatusCode());
      lines = emf.lines();
    }
    long after = System.currentTimeMillis();

    assertEquals(2, lines.size(), lines.toString());
    for (Map<String, Object> line : lines) {
      Map<String, Object> aws = EmfCapture.aws(line);
      long at = ((Number) aws.get("Timestamp")).longValue();
      assertTrue(before <= at && at <= after, "written at the request: " + at);
      assertEquals(
          EmfCapture.directive(List.of("LockStrategy"), "Reservations", "ReservationConflicts"),
          aws.get("CloudWatchMetrics"));
      assertEquals("atomic", line.get(MetricGroup.LOCK_STRATEGY));
    }
    assertEquals(List.of(1, 0), values(lines.get(0)));
    assertEquals(List.of(0, 1), values(lines.get(1)));
  }

  private static List<Object> values(Map<String, Object> line) {
    return List.of(line.get("Reservations"), line.get("ReservationConflicts"));
  }
}
