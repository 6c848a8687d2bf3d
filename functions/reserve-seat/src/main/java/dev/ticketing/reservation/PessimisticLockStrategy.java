package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.settings.LockStrategy;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code pessimistic}: {@code SELECT ... FOR UPDATE} on the requested seats in ascending id order,
 * check, update, commit. A wait for a row lock ends at the connection's short {@code
 * innodb_lock_wait_timeout} (DB_LOCK_WAIT_TIMEOUT_SECONDS) and is then a lost race.
 */
@Singleton
@Named(LockStrategy.Ids.PESSIMISTIC)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class PessimisticLockStrategy extends ClaimThenWrite {

  private final SeatClaims claims;

  public PessimisticLockStrategy(SeatClaims claims, ReservationWriter writer) {
    super(writer);
    this.claims = claims;
  }

  @Override
  public String name() {
    return LockStrategy.PESSIMISTIC.id();
  }

  @Override
  <T> T claim(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    SeatClaimRepository seats = claims.seats();
    return claims.inTransaction(
        performanceId,
        seatIds,
        () -> {
          List<SeatState> locked = seats.lockInOrder(performanceId, seatIds);
          List<Long> taken =
              locked.stream().filter(s -> !s.available()).map(SeatState::id).toList();
          if (!taken.isEmpty() || locked.size() != seatIds.size()) {
            throw new ClaimLost(taken);
          }
          if (seats.holdIfAvailable(performanceId, seatIds) != seatIds.size()) {
            throw new IllegalStateException("locked seats changed under their lock");
          }
          return inside.get();
        });
  }
}
