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
 * {@code redis-spin}: per-seat Redis locks taken in ascending order, a busy lock retried with
 * backoff until the wait budget (SEAT_LOCK_WAIT_MS) ends; the transaction inside re-checks the
 * seats' status.
 */
@Singleton
@Named(LockStrategy.Ids.REDIS_SPIN)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class RedisSpinLockStrategy extends ClaimThenWrite {

  private final RedisLockedClaim claim;
  private final SpinWait spin;

  public RedisSpinLockStrategy(
      RedisSeatLocks locks, SeatClaims claims, Settings settings, ReservationWriter writer) {
    super(writer);
    this.claim = new RedisLockedClaim(locks, claims, settings.seats().seatLockWaitMillis());
    this.spin = new SpinWait(locks);
  }

  @Override
  public String name() {
    return LockStrategy.REDIS_SPIN.id();
  }

  @Override
  <T> T claim(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    return claim.reserve(performanceId, seatIds, inside, spin);
  }
}
