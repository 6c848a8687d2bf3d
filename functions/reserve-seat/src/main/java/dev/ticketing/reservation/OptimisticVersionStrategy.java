package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.settings.LockStrategy;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code optimistic}: reads each seat's version without locking, then per seat (ascending) a
 * conditional update on the version read. A seat someone changed in between updates no row: the
 * race is lost and the transaction rolls back.
 */
@Singleton
@Named(LockStrategy.Ids.OPTIMISTIC)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class OptimisticVersionStrategy extends ClaimThenWrite {

  private final SeatClaims claims;

  public OptimisticVersionStrategy(SeatClaims claims, ReservationWriter writer) {
    super(writer);
    this.claims = claims;
  }

  @Override
  public String name() {
    return LockStrategy.OPTIMISTIC.id();
  }

  @Override
  <T> T claim(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    SeatClaimRepository seats = claims.seats();
    List<SeatState> read = seats.read(performanceId, seatIds);
    List<Long> taken = read.stream().filter(s -> !s.available()).map(SeatState::id).toList();
    if (!taken.isEmpty()) {
      throw new SeatsUnavailableException(taken, true);
    }
    return claims.inTransaction(
        performanceId,
        seatIds,
        () -> {
          for (SeatState seat : read) {
            if (seats.holdAtVersion(seat.id(), seat.version()) != 1) {
              throw new ClaimLost(List.of());
            }
          }
          return inside.get();
        });
  }
}
