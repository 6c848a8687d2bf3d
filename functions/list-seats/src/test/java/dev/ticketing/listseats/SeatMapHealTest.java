package dev.ticketing.listseats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis loses a performance's data while buyers keep reserving and viewers keep polling. The test
 * deletes every key of that performance (its {@code {p<id>}:} hash tag: seat map, seat locks and
 * sessions), which is what a flush does to it, without flushing a server other tests share.
 */
class SeatMapHealTest {
  private static ApplicationContext ctx;
  private static SeatMapCalls calls;
  private static Buyers buyers;

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.LIST_SEATS);
    calls = new SeatMapCalls(new ListSeatsFunction(ctx));
    buyers = new Buyers();
  }

  @AfterAll
  static void stop() {
    buyers.close();
    ctx.close();
  }

  @Test
  void afterThePerformancesRedisKeysAreDeletedTheMapHealsFromMySqlAndNeverShowsASoldSeatAvailable()
      throws Exception {
    Performance performance = TestPerformances.create(ctx, 6, 10);
    List<Long> seats =
        ctx.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
            .map(SeatInfo::id)
            .toList();
    Set<Long> sold = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 10; i += 2) {
      buyers.reserve(performance.id(), seats.subList(i, i + 2));
      sold.addAll(seats.subList(i, i + 2));
    }
    String before = TestSessions.open(ctx, performance.id()).accessToken();
    Map<String, Object> mapBeforeLoss = calls.body(calls.full(performance.id(), before));
    assertEquals(10, SeatMapCalls.version(mapBeforeLoss));

    long deleted = deletePerformanceKeys(performance.id());
    assertTrue(deleted >= 3, "deleted only " + deleted + " keys");

    CountDownLatch start = new CountDownLatch(1);
    // The buyers wait, after their first pair, for the viewers' first 20 polls: however busy the
    // machine, the heal is watched while seats are still being sold.
    CountDownLatch watched = new CountDownLatch(20);
    AtomicBoolean buying = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> viewers = new ArrayList<>();
    List<Future<?>> buyerThreads = new ArrayList<>();
    List<Long> unsold = new ArrayList<>(seats.subList(10, seats.size()));
    for (int b = 0; b < 4; b++) {
      List<Long> mine = new ArrayList<>();
      for (int i = b * 2; i < unsold.size(); i += 8) {
        mine.add(unsold.get(i));
        if (i + 1 < unsold.size()) {
          mine.add(unsold.get(i + 1));
        }
      }
      buyerThreads.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i + 1 < mine.size(); i += 2) {
                  buyers.reserve(performance.id(), mine.subList(i, i + 2));
                  sold.addAll(mine.subList(i, i + 2));
                  if (i == 0 && !watched.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the viewers did not poll 20 times in 60 s");
                  }
                }
                return null;
              }));
    }
    for (int v = 0; v < 4; v++) {
      boolean sinceViewer = v % 2 == 0;
      viewers.add(
          pool.submit(
              () -> {
                String token = TestSessions.open(ctx, performance.id()).accessToken();
                start.await();
                return sinceViewer
                    ? pollSince(performance.id(), token, mapBeforeLoss, sold, buying, watched)
                    : pollFull(performance.id(), token, sold, buying, watched);
              }));
    }
    start.countDown();
    for (Future<?> f : buyerThreads) {
      f.get(120, TimeUnit.SECONDS);
    }
    buying.set(false);
    int polls = 0;
    for (Future<Integer> f : viewers) {
      polls += f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertTrue(polls > 20, "only " + polls + " polls");
    String after = TestSessions.open(ctx, performance.id()).accessToken();
    Map<Long, String> finalMap =
        SeatMapCalls.statuses(calls.body(calls.full(performance.id(), after)));
    for (long seat : seats) {
      assertEquals(sold.contains(seat) ? "HELD" : "AVAILABLE", finalMap.get(seat), "seat " + seat);
    }
  }

  /** Full-map viewer: every seat sold before a poll started shows RESERVED in its answer. */
  private static int pollFull(
      long performanceId,
      String token,
      Set<Long> sold,
      AtomicBoolean buying,
      CountDownLatch watched) {
    int polls = 0;
    long lastVersion = -1;
    do {
      Set<Long> soldBefore = Set.copyOf(sold);
      APIGatewayProxyResponseEvent r = calls.full(performanceId, token);
      assertEquals(200, r.getStatusCode(), r.getBody());
      Map<String, Object> body = calls.body(r);
      Map<Long, String> statuses = SeatMapCalls.statuses(body);
      for (long seat : soldBefore) {
        if (!"HELD".equals(statuses.get(seat))) {
          fail("seat " + seat + " was sold but shows " + statuses.get(seat));
        }
      }
      long version = SeatMapCalls.version(body);
      assertTrue(
          version >= lastVersion, "version went back from " + lastVersion + " to " + version);
      lastVersion = version;
      polls++;
      watched.countDown();
    } while (buying.get());
    return polls;
  }

  /**
   * A viewer that knew the map before the loss and keeps polling with {@code since}, merging each
   * answer into its own copy, as the SPA does: its copy never shows a sold seat as available.
   */
  private static int pollSince(
      long performanceId,
      String token,
      Map<String, Object> before,
      Set<Long> sold,
      AtomicBoolean buying,
      CountDownLatch watched) {
    Map<Long, String> view = new HashMap<>(SeatMapCalls.statuses(before));
    long version = SeatMapCalls.version(before);
    int polls = 0;
    do {
      Set<Long> soldBefore = Set.copyOf(sold);
      APIGatewayProxyResponseEvent r = calls.since(performanceId, token, version);
      if (r.getStatusCode() == 200) {
        Map<String, Object> body = calls.body(r);
        long next = SeatMapCalls.version(body);
        assertTrue(next >= version, "version went back from " + version + " to " + next);
        version = next;
        if (body.containsKey("seats")) {
          view = new HashMap<>(SeatMapCalls.statuses(body));
        } else {
          view.putAll(SeatMapCalls.changes(body));
        }
      } else {
        assertEquals(304, r.getStatusCode(), r.getBody());
      }
      for (long seat : soldBefore) {
        if (!"HELD".equals(view.get(seat))) {
          fail("seat " + seat + " was sold but the merged view shows " + view.get(seat));
        }
      }
      polls++;
      watched.countDown();
    } while (buying.get());
    return polls;
  }

  @SuppressWarnings("unchecked")
  private static long deletePerformanceKeys(long performanceId) {
    StatefulRedisConnection<String, String> redis =
        ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
    ScanArgs match = ScanArgs.Builder.matches("{p" + performanceId + "}:*").limit(500);
    long deleted = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.sync().scan(cursor, match);
      if (!page.getKeys().isEmpty()) {
        deleted += redis.sync().del(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
    return deleted;
  }
}
