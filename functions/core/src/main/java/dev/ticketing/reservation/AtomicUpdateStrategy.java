package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code atomic}: no explicit lock. One conditional {@code UPDATE ... WHERE id IN (...) AND status
 * = 'AVAILABLE'}; unless it changed every requested seat, the transaction rolls back.
 */
@Singleton
@Named(AtomicUpdateStrategy.NAME)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class AtomicUpdateStrategy implements SeatLockStrategy {
  public static final String NAME = "atomic";

  private final SeatClaims claims;

  public AtomicUpdateStrategy(SeatClaims claims) {
    this.claims = claims;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public <T> T reserve(long performanceId, List<Long> seatIds, Supplier<T> inside) {
    return claims.updateIfAvailable(performanceId, seatIds, inside);
  }
}
