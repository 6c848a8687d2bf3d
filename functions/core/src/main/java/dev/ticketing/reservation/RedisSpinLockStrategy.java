package dev.ticketing.reservation;

import dev.ticketing.config.Settings;
import dev.ticketing.function.FunctionEnvironments;
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
@Named(RedisSpinLockStrategy.NAME)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class RedisSpinLockStrategy extends ClaimThenWrite {
  public static final String NAME = "redis-spin";

  private final RedisLockedClaim claim;
  private final SpinWait spin;

  public RedisSpinLockStrategy(
      RedisSeatLocks locks, SeatClaims claims, Settings settings, ReservationWriter writer) {
    super(writer);
    this.claim = new RedisLockedClaim(locks, claims, settings.seatLockWaitMillis());
    this.spin = new SpinWait(locks);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  <T> T claim(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    return claim.reserve(performanceId, seatIds, inside, spin);
  }
}
