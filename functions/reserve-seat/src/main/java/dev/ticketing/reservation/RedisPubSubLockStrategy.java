package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.settings.LockStrategy;
import dev.ticketing.settings.Settings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code redis-pubsub}: the locks of {@code redis-spin}, but a waiter subscribes to the seat's
 * release channel and sleeps until a release is announced (the owner publishes after its
 * owner-checked release) or its budget ends.
 */
@Singleton
@Named(LockStrategy.Ids.REDIS_PUBSUB)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class RedisPubSubLockStrategy extends ClaimThenWrite {

  private final RedisLockedClaim claim;
  private final ReleaseSignalWait wait;

  public RedisPubSubLockStrategy(
      RedisSeatLocks locks,
      SeatClaims claims,
      ReleaseSignals signals,
      Settings settings,
      ReservationWriter writer) {
    super(writer);
    this.claim = new RedisLockedClaim(locks, claims, settings.seats().seatLockWaitMillis());
    this.wait = new ReleaseSignalWait(locks, signals);
  }

  @Override
  public String name() {
    return LockStrategy.REDIS_PUBSUB.id();
  }

  @Override
  <T> T claim(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    return claim.reserve(performanceId, seatIds, inside, wait);
  }
}
