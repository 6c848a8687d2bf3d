package dev.ticketing.reservation;

import dev.ticketing.config.Settings;
import dev.ticketing.function.FunctionEnvironments;
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
@Named(RedisPubSubLockStrategy.NAME)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class RedisPubSubLockStrategy extends ClaimThenWrite {
  public static final String NAME = "redis-pubsub";

  private final RedisLockedClaim claim;
  private final ReleaseSignalWait wait;

  public RedisPubSubLockStrategy(
      RedisSeatLocks locks,
      SeatClaims claims,
      ReleaseSignals signals,
      Settings settings,
      ReservationWriter writer) {
    super(writer);
    this.claim = new RedisLockedClaim(locks, claims, settings.seatLockWaitMillis());
    this.wait = new ReleaseSignalWait(locks, signals);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  <T> T claim(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    return claim.reserve(performanceId, seatIds, inside, wait);
  }
}
