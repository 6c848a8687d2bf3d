package dev.ticketing.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.SetArgs;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each lock strategy on its own, against real MariaDB and Redis: the paths that are not a win. */
class SeatLockStrategyTest {
  static final int WAIT_MS = 500;
  static final int DB_LOCK_WAIT_SECONDS = 1;

  private static ApplicationContext ctx;
  private static ReservationAudit audit;

  @BeforeAll
  static void start() {
    ctx =
        TestStores.context(
            FunctionEnvironments.RESERVE_SEAT,
            Map.of(
                "SEAT_LOCK_WAIT_MS", Integer.toString(WAIT_MS),
                "DB_LOCK_WAIT_TIMEOUT_SECONDS", Integer.toString(DB_LOCK_WAIT_SECONDS)));
    audit = ctx.getBean(ReservationAudit.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  static java.util.stream.Stream<String> strategies() {
    return StrategyTests.strategies();
  }

  static java.util.stream.Stream<String> redisStrategies() {
    return StrategyTests.redisStrategies();
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void aFailureInsideTheCriticalSectionLeavesTheSeatsReservable(String name) {
    SeatLockStrategy strategy = StrategyTests.strategy(ctx, name);
    Performance performance = TestPerformances.create(ctx, 1, 3);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    NewReservation doomed = StrategyTests.newReservation(ctx, performance, seats);

    RuntimeException thrown;
    try (InjectedFailure failure = InjectedFailure.onSeatRowsOf(ctx, doomed.id())) {
      thrown = assertThrows(RuntimeException.class, () -> strategy.reserve(doomed));
    }

    assertTrue(InjectedFailure.causedBy(thrown), "not the injected failure: " + thrown);
    for (long seat : seats) {
      assertEquals(SeatStatus.AVAILABLE.name(), audit.status(seat));
      assertEquals(0, lockKeys(performance, seat), "lock of seat " + seat + " left behind");
    }
    assertEquals(0, audit.reservations(performance.id()));
    Reservation again = strategy.reserve(StrategyTests.newReservation(ctx, performance, seats));
    assertEquals(seats, StrategyTests.seatIdsOf(again));
    assertEquals(seats.size(), audit.takenSeats(performance.id()));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void aSeatAlreadySoldIsLostWithTheSeatNamed(String name) {
    SeatLockStrategy strategy = StrategyTests.strategy(ctx, name);
    Performance performance = TestPerformances.create(ctx, 1, 3);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    strategy.reserve(StrategyTests.newReservation(ctx, performance, List.of(seats.get(1))));
    NewReservation late = StrategyTests.newReservation(ctx, performance, seats);

    SeatsUnavailableException lost =
        assertThrows(SeatsUnavailableException.class, () -> strategy.reserve(late));

    assertEquals(List.of(seats.get(1)), lost.seatIds());
    assertTrue(lost.sold());
    assertEquals(SeatStatus.AVAILABLE.name(), audit.status(seats.get(0)));
    assertEquals(SeatStatus.AVAILABLE.name(), audit.status(seats.get(2)));
    assertEquals(0, lockKeys(performance, seats.get(0)) + lockKeys(performance, seats.get(2)));
  }

  /**
   * A seat MySQL shows AVAILABLE although a reservation already holds it, as a wrong strategy would
   * leave it: the strategy claims it, the backstop stops the second reservation, nothing of it is
   * kept, and the violation is counted. The zero the concurrency tests expect is a real count.
   */
  @ParameterizedTest
  @MethodSource("strategies")
  void aDoubleBookingStoppedByTheBackstopIsCountedAndLost(String name) {
    SeatLockStrategy strategy = StrategyTests.strategy(ctx, name);
    Performance performance = TestPerformances.create(ctx, 1, 2);
    List<Long> seats = StrategyTests.seatIds(ctx, performance);
    NewReservation earlier = StrategyTests.newReservation(ctx, performance, seats.subList(0, 1));
    ReservationRowRepository rows = ctx.getBean(ReservationRowRepository.class);
    rows.insertReservation(
        earlier.id(),
        performance.id(),
        earlier.holder(),
        LocalDateTime.now(ZoneOffset.UTC),
        earlier.total(),
        LocalDateTime.now(ZoneOffset.UTC).plusMinutes(10));
    rows.insertReservationSeats(earlier.id(), performance.id(), earlier.seatIds());
    BackstopViolations backstop = ctx.getBean(BackstopViolations.class);
    long before = backstop.count();
    NewReservation second = StrategyTests.newReservation(ctx, performance, seats);

    assertThrows(SeatsUnavailableException.class, () -> strategy.reserve(second));

    assertEquals(before + 1, backstop.count());
    assertEquals(0, audit.takenSeats(performance.id()));
    assertEquals(1, audit.reservations(performance.id()));
  }

  /**
   * Someone holds the seat (a row lock for the database strategies, a seat lock for the Redis ones)
   * longer than this request may wait: the request loses with the seat named, within its bound,
   * instead of hanging; once the holder is gone the seat is reservable.
   */
  @ParameterizedTest
  @MethodSource("strategies")
  void aSeatHeldLongerThanTheWaitIsLostWithinTheBound(String name) throws Exception {
    SeatLockStrategy strategy = StrategyTests.strategy(ctx, name);
    Performance performance = TestPerformances.create(ctx, 1, 2);
    long seat = StrategyTests.seatIds(ctx, performance).get(0);
    NewReservation waiting = StrategyTests.newReservation(ctx, performance, List.of(seat));
    try (Holder holder =
        StrategyTests.usesRedisLocks(name)
            ? new RedisHolder(performance.id(), seat)
            : new RowLockHolder(performance.id(), seat)) {
      long started = System.nanoTime();
      SeatsUnavailableException lost =
          assertThrows(SeatsUnavailableException.class, () -> strategy.reserve(waiting));
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertEquals(List.of(seat), lost.seatIds());
      assertFalse(lost.sold());
      long bound = StrategyTests.usesRedisLocks(name) ? WAIT_MS : DB_LOCK_WAIT_SECONDS * 1000L;
      assertTrue(tookMillis >= bound * 9 / 10, "gave up after " + tookMillis + " ms");
      assertTrue(tookMillis < bound + 2_000, "waited " + tookMillis + " ms");
    }
    Reservation free =
        strategy.reserve(StrategyTests.newReservation(ctx, performance, List.of(seat)));
    assertEquals(List.of(seat), StrategyTests.seatIdsOf(free));
  }

  /** A lock whose owner died (never released) ends with its lease; the seat is not blocked. */
  @ParameterizedTest
  @MethodSource("redisStrategies")
  void aLockWhoseOwnerDiedEndsWithItsLease(String name) {
    SeatLockStrategy strategy = StrategyTests.strategy(ctx, name);
    Performance performance = TestPerformances.create(ctx, 1, 1);
    long seat = StrategyTests.seatIds(ctx, performance).get(0);
    StrategyTests.redis(ctx)
        .sync()
        .set(
            ReservationKeys.of(performance.id()).seatLock(seat),
            "dead-owner",
            SetArgs.Builder.px(200));

    Reservation mine =
        strategy.reserve(StrategyTests.newReservation(ctx, performance, List.of(seat)));
    assertEquals(List.of(seat), StrategyTests.seatIdsOf(mine));
    assertEquals(SeatStatus.HELD.name(), audit.status(seat));
  }

  private static long lockKeys(Performance performance, long seat) {
    return StrategyTests.redis(ctx)
        .sync()
        .exists(ReservationKeys.of(performance.id()).seatLock(seat));
  }

  private interface Holder extends AutoCloseable {
    @Override
    void close() throws Exception;
  }

  /** Another buyer's seat lock in Redis, with a lease far longer than the wait. */
  private record RedisHolder(long performanceId, long seat) implements Holder {
    RedisHolder {
      StrategyTests.redis(ctx)
          .sync()
          .set(
              ReservationKeys.of(performanceId).seatLock(seat),
              "someone-else",
              SetArgs.Builder.px(Duration.ofMinutes(1).toMillis()));
    }

    @Override
    public void close() {
      StrategyTests.redis(ctx).sync().del(ReservationKeys.of(performanceId).seatLock(seat));
    }
  }

  /** Another transaction holding the seat's row lock until closed. */
  private static final class RowLockHolder implements Holder {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> done;

    @SuppressWarnings("unchecked")
    RowLockHolder(long performanceId, long seat) throws Exception {
      CountDownLatch locked = new CountDownLatch(1);
      TransactionOperations<Connection> tx = ctx.getBean(TransactionOperations.class);
      SeatClaimRepository seats = ctx.getBean(SeatClaimRepository.class);
      done =
          CompletableFuture.runAsync(
              () ->
                  tx.executeWrite(
                      status -> {
                        seats.lockInOrder(performanceId, List.of(seat));
                        locked.countDown();
                        try {
                          release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        status.setRollbackOnly();
                        return null;
                      }));
      assertTrue(locked.await(10, TimeUnit.SECONDS), "the row lock was not taken");
    }

    @Override
    public void close() throws Exception {
      release.countDown();
      done.get(30, TimeUnit.SECONDS);
    }
  }
}
