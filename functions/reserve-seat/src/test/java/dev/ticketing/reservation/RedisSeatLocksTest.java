package dev.ticketing.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.settings.LockStrategy;
import dev.ticketing.settings.Settings;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Redis seat locks: owner tokens, leases, owner-checked release. */
class RedisSeatLocksTest {
  static final long SHORT_LEASE_MS = 150;

  private static ApplicationContext ctx;
  private static StatefulRedisConnection<String, String> redis;
  private static ReservationAudit audit;

  @BeforeAll
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.RESERVE_SEAT);
    redis = StrategyTests.redis(ctx);
    audit = ctx.getBean(ReservationAudit.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anOwnerWhoseLeaseExpiredCannotReleaseTheNextOwnersLock(boolean announce) {
    RedisSeatLocks locks = new RedisSeatLocks(redis, SHORT_LEASE_MS);
    Performance performance = TestPerformances.create(ctx, 1, 1);
    long seat = StrategyTests.seatIds(ctx, performance).get(0);
    String key = ReservationKeys.of(performance.id()).seatLock(seat);
    String first = locks.newOwner();
    String next = locks.newOwner();

    assertTrue(locks.tryAcquire(performance.id(), seat, first));
    assertFalse(locks.tryAcquire(performance.id(), seat, next));
    awaitExpiry(key);
    assertTrue(locks.tryAcquire(performance.id(), seat, next));

    assertEquals(0, locks.release(performance.id(), List.of(seat), first, announce));
    assertEquals(next, redis.sync().get(key));
    assertEquals(1, locks.release(performance.id(), List.of(seat), next, announce));
    assertNull(redis.sync().get(key));
  }

  @Test
  void everyOwnerTokenIsNew() {
    RedisSeatLocks locks = ctx.getBean(RedisSeatLocks.class);
    assertNotEquals(locks.newOwner(), locks.newOwner());
    assertEquals(32, locks.newOwner().length());
  }

  @Test
  void theLeaseOutlivesTheLongestDatabaseLockWait() {
    Settings settings = ctx.getBean(Settings.class);
    assertTrue(
        ctx.getBean(RedisSeatLocks.class).leaseMillis()
            > settings.seats().dbLockWaitTimeoutSeconds() * 1000L);
  }

  /**
   * The first buyer's lease runs out while it is still inside its transaction; a second buyer takes
   * the lock. The seat is still sold once: the second's transaction re-checks the status and loses,
   * the first cannot release the second's lock, and no lock is left behind.
   */
  @ParameterizedTest
  @ValueSource(strings = {LockStrategy.Ids.REDIS_SPIN, LockStrategy.Ids.REDIS_PUBSUB})
  void aLeaseThatExpiresMidTransactionStillSellsTheSeatOnce(String name) throws Exception {
    RedisSeatLocks shortLocks = new RedisSeatLocks(redis, SHORT_LEASE_MS);
    Settings settings = TestStores.settings(java.util.Map.of("SEAT_LOCK_WAIT_MS", "5000"));
    SeatClaims claims = ctx.getBean(SeatClaims.class);
    ReservationWriter writer = ctx.getBean(ReservationWriter.class);
    ClaimThenWrite strategy =
        name.equals(LockStrategy.Ids.REDIS_SPIN)
            ? new RedisSpinLockStrategy(shortLocks, claims, settings, writer)
            : new RedisPubSubLockStrategy(
                shortLocks, claims, ctx.getBean(ReleaseSignals.class), settings, writer);
    Performance performance = TestPerformances.create(ctx, 1, 1);
    long seat = StrategyTests.seatIds(ctx, performance).get(0);
    String key = ReservationKeys.of(performance.id()).seatLock(seat);
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch secondHasLock = new CountDownLatch(1);

    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () ->
                strategy.claim(
                    performance.id(),
                    List.of(seat),
                    () -> {
                      firstInside.countDown();
                      await(secondHasLock);
                      return "first";
                    }));
    assertTrue(firstInside.await(10, TimeUnit.SECONDS));
    String firstOwner = redis.sync().get(key);
    CompletableFuture<Object> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return strategy.claim(performance.id(), List.of(seat), () -> "second");
              } catch (SeatsUnavailableException e) {
                return e;
              }
            });
    awaitOwnerOtherThan(key, firstOwner);
    secondHasLock.countDown();

    assertEquals("first", first.get(10, TimeUnit.SECONDS));
    Object lost = second.get(10, TimeUnit.SECONDS);
    assertTrue(lost instanceof SeatsUnavailableException, "second got " + lost);
    assertEquals(List.of(seat), ((SeatsUnavailableException) lost).seatIds());
    assertEquals(SeatStatus.HELD.name(), audit.status(seat));
    assertEquals(0, redis.sync().exists(key));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitExpiry(String key) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (redis.sync().exists(key) == 1) {
      assertTrue(System.nanoTime() < deadline, "the lease never ended");
      Thread.onSpinWait();
    }
  }

  private static void awaitOwnerOtherThan(String key, String owner) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      String current = redis.sync().get(key);
      if (current != null && !current.equals(owner)) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "nobody took the expired lock");
      Thread.onSpinWait();
    }
  }
}
