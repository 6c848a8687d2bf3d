package dev.ticketing.reserveseat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.holds.HoldEndings;
import dev.ticketing.reservation.BlockPicker;
import dev.ticketing.reservation.ReservationAudit;
import dev.ticketing.reservation.ReservationKeys;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.seats.SeatMapKeys;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Best available's candidate blocks kept in Redis (store-blocks.lua, read by pick-block.lua), on
 * real MariaDB and Redis: they stay right through holds, releases, expiries, a lost blocks key, a
 * lost map key and a stale list, rebuilt from MySQL each time; every pick follows the live statuses
 * (a released or expired hold's block is offered at once), and a request that died after its pick
 * holds nothing but a lease that lapses. One row of 14 seats, pairs: the blocks best first are
 * those on the row's grid of 2, nearest the centre first (7-8, 5-6, 9-10, ...), then the others.
 */
class CandidateBlocksTest {
  private static final List<List<Integer>> BEST_FIRST =
      List.of(
          List.of(7, 8),
          List.of(5, 6),
          List.of(9, 10),
          List.of(3, 4),
          List.of(11, 12),
          List.of(1, 2),
          List.of(13, 14),
          List.of(6, 7),
          List.of(8, 9),
          List.of(4, 5),
          List.of(10, 11),
          List.of(2, 3),
          List.of(12, 13));

  /** Longer than a pick's lease (BlockPicker.LEASE_MS, 5 s). */
  private static final Duration PAST_LEASE = Duration.ofSeconds(6);

  /** Past every hold's expiry (HOLD_TTL_SECONDS 600). */
  private static final Duration PAST_EXPIRY = Duration.ofSeconds(601);

  private static ApplicationContext ctx;
  private static ManualClock clock;
  private static RedisCommands<String, String> redis;

  @BeforeAll
  static void start() {
    ctx =
        ManualClock.context(
            FunctionEnvironments.RESERVE_SEAT,
            Map.of("LOCK_STRATEGY", "atomic", "HOLD_TTL_SECONDS", "600"));
    clock = ManualClock.of(ctx);
    @SuppressWarnings("unchecked")
    StatefulRedisConnection<String, String> primary =
        ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
    redis = primary.sync();
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  private record Held(List<Integer> numbers, String reservationId, String holdToken) {}

  @Test
  void storedBlocksStayRightThroughHoldsReleasesExpiriesAndLostKeysRebuiltFromMySql() {
    Performance performance = TestPerformances.create(ctx, 1, 14);
    long id = performance.id();
    Map<Long, SeatInfo> layout = new HashMap<>();
    ctx.getBean(SeatLayoutRepository.class).findLayout(id).forEach(s -> layout.put(s.id(), s));
    String blocksKey = ReservationKeys.of(id).blocks(2, null);
    ReserveCalls calls = calls();

    Held a = best(calls, id, layout);
    assertEquals(List.of(7, 8), a.numbers());
    assertStored(blocksKey, layout);
    assertEquals(List.of(5, 6), best(calls, id, layout).numbers());

    assertEquals(204, calls.release(id, a.reservationId(), a.holdToken()).getStatusCode());
    assertEquals(List.of(7, 8), best(calls, id, layout).numbers(), "a released block, at once");
    assertStored(blocksKey, layout);

    ctx.getBean(HoldEndings.class).expireDue(id, clock.instant().plus(PAST_EXPIRY), 100);
    assertEquals(List.of(7, 8), best(calls, id, layout).numbers(), "an expired block, at once");
    assertEquals(List.of(5, 6), best(calls, id, layout).numbers(), "an expired block, at once");
    assertStored(blocksKey, layout);

    // A request that dies between its pick and its hold leaves only its lease behind.
    List<Integer> dead =
        ctx.getBean(BlockPicker.class).pick(id, 2, null).stream()
            .map(s -> layout.get(s).number())
            .toList();
    assertEquals(List.of(9, 10), dead);
    assertEquals(List.of(3, 4), best(calls, id, layout).numbers(), "a leased block is kept off");
    clock.advance(PAST_LEASE);
    assertEquals(List.of(9, 10), best(calls, id, layout).numbers(), "after the lease lapsed");

    redis.del(blocksKey);
    assertEquals(List.of(11, 12), best(calls, id, layout).numbers(), "blocks key lost");
    assertStored(blocksKey, layout);

    // The map loses its HELD set: its seats would show free. MySQL holds 3-12.
    redis.del(SeatMapKeys.of(id).held());
    assertEquals(List.of(1, 2), best(calls, id, layout).numbers(), "map key lost");
    assertEquals(
        Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
        redis.smembers(SeatMapKeys.of(id).held()).stream()
            .map(s -> layout.get(Long.parseLong(s)).number())
            .collect(Collectors.toSet()),
        "the map rebuilt from MySQL");

    // A list stored by a build that scored blocks otherwise (its header says so) is replaced.
    redis.del(blocksKey);
    redis.rpush(blocksKey, "best-available blocks format=1", seatIdsOf(layout, 5, 6));
    assertEquals(List.of(13, 14), best(calls, id, layout).numbers(), "stale blocks replaced");
    assertStored(blocksKey, layout);

    ReservationAudit audit = ctx.getBean(ReservationAudit.class);
    assertEquals(0, audit.seatsInSeveralReservations(id));
    assertEquals(0, audit.takenSeatsWithoutOneReservation(id));
    assertEquals(14, audit.takenSeats(id));
  }

  /** The stored list: a header, then every block best first, the same after every change. */
  private static void assertStored(String key, Map<Long, SeatInfo> layout) {
    List<String> stored = redis.lrange(key, 0, -1);
    assertEquals(
        "best-available blocks format=2 count=2 grade= blocks=" + BEST_FIRST.size(), stored.get(0));
    List<List<Integer>> blocks =
        stored.subList(1, stored.size()).stream()
            .map(
                entry ->
                    Arrays.stream(entry.split(" "))
                        .limit(2)
                        .map(s -> layout.get(Long.parseLong(s)).number())
                        .toList())
            .toList();
    assertEquals(BEST_FIRST, blocks);
    long ttl = redis.pttl(key);
    assertEquals(true, ttl > 0, "the blocks expire (with the map), ttl " + ttl);
  }

  private static String seatIdsOf(Map<Long, SeatInfo> layout, int... numbers) {
    StringBuilder entry = new StringBuilder();
    for (int n : numbers) {
      long seat =
          layout.values().stream().filter(s -> s.number() == n).findFirst().orElseThrow().id();
      entry.append(seat).append(' ');
    }
    return entry.append("0 0 0 0").toString();
  }

  private static Held best(ReserveCalls calls, long performanceId, Map<Long, SeatInfo> layout) {
    String token = TestSessions.open(ctx, performanceId).accessToken();
    APIGatewayProxyResponseEvent r =
        calls.call(
            ApiEvents.post(ReserveCalls.path(performanceId)).bearer(token).json("{\"count\": 2}"));
    assertEquals(201, r.getStatusCode(), r.getBody());
    Map<String, Object> body = calls.body(r);
    List<Integer> numbers =
        calls.seatIds(body).stream().map(s -> layout.get(s).number()).sorted().toList();
    return new Held(numbers, (String) body.get("reservationId"), (String) body.get("holdToken"));
  }

  private static ReserveCalls calls() {
    return new ReserveCalls(new ReserveSeatFunction(ctx), ctx.getBean(JsonMapper.class));
  }
}
