package dev.ticketing.snapstart;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.RedisSeatLocks;
import dev.ticketing.reservation.ReleaseSignals;
import dev.ticketing.reservation.ReservationKeys;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pub/sub connection of the redis-pubsub lock strategy across a snapshot. */
class ReleaseSignalsSnapshotTest {
  private static final long SEAT = 1;

  private ApplicationContext ctx;
  private DefaultCheckpointSimulator snapshot;
  private ReleaseSignals signals;
  private RedisSeatLocks locks;
  private long performance;

  @BeforeEach
  void start() {
    ctx = TestStores.context(FunctionEnvironments.RESERVE_SEAT);
    List<OrderedResource> resources = new ArrayList<>(ctx.getBeansOfType(OrderedResource.class));
    OrderUtil.sort(resources);
    snapshot = new DefaultCheckpointSimulator(resources);
    signals = ctx.getBean(ReleaseSignals.class);
    locks = ctx.getBean(RedisSeatLocks.class);
    performance = TestPerformances.create(ctx, 1, 1).id();
  }

  @AfterEach
  void stop() {
    ctx.close();
  }

  @Test
  void aWaiterFromBeforeTheCheckpointIsWokenByAReleaseAfterRestore() throws Exception {
    String owner = locks.newOwner();
    assertTrue(locks.tryAcquire(performance, SEAT, owner));
    try (ReleaseSignals.Subscription waiting =
        signals.join(ReservationKeys.of(performance).released(SEAT))) {
      assertTrue(signals.connected());

      snapshot.runBeforeCheckpoint();
      assertFalse(signals.connected());
      snapshot.runAfterRestore();

      assertTrue(signals.connected());
      CompletableFuture<Void> release = waiting.nextRelease();
      assertEquals(1, locks.release(performance, List.of(SEAT), owner, true));
      assertDoesNotThrow(() -> release.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void theFirstWaitAfterRestoreOpensTheConnectionAndHearsReleases() throws Exception {
    signals.join(ReservationKeys.of(performance).released(SEAT)).close();
    snapshot.runBeforeCheckpoint();
    snapshot.runAfterRestore();
    assertFalse(signals.connected(), "no waiter, so no connection until the next wait");

    String owner = locks.newOwner();
    assertTrue(locks.tryAcquire(performance, SEAT, owner));
    try (ReleaseSignals.Subscription waiting =
        signals.join(ReservationKeys.of(performance).released(SEAT))) {
      CompletableFuture<Void> release = waiting.nextRelease();
      assertEquals(1, locks.release(performance, List.of(SEAT), owner, true));
      assertDoesNotThrow(() -> release.get(10, TimeUnit.SECONDS));
    }
  }
}
