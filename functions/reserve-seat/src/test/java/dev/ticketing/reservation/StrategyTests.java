package dev.ticketing.reservation;

import dev.ticketing.catalog.Performance;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.settings.LockStrategy;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Shared helpers of the lock strategy tests. */
public final class StrategyTests {
  private StrategyTests() {}

  public static Stream<String> strategies() {
    return Arrays.stream(LockStrategy.values()).map(LockStrategy::id);
  }

  public static Stream<String> redisStrategies() {
    return Stream.of(LockStrategy.REDIS_SPIN.id(), LockStrategy.REDIS_PUBSUB.id());
  }

  public static boolean usesRedisLocks(String strategy) {
    return strategy.startsWith("redis-");
  }

  public static SeatLockStrategy strategy(ApplicationContext ctx, String name) {
    return ctx.getBean(SeatLockStrategy.class, Qualifiers.byName(name));
  }

  public static List<Long> seatIds(ApplicationContext ctx, Performance performance) {
    return ctx.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
        .map(SeatInfo::id)
        .toList();
  }

  /** A reservation of {@code seatIds} (ascending) by a holder of its own. */
  public static NewReservation newReservation(
      ApplicationContext ctx, Performance performance, List<Long> seatIds) {
    return newReservation(ctx, performance, seatIds, null);
  }

  /** A reservation of {@code seatIds} (ascending) by {@code holder} (a session id; null: new). */
  public static NewReservation newReservation(
      ApplicationContext ctx, Performance performance, List<Long> seatIds, String holder) {
    List<SeatInfo> seats =
        ctx.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
            .filter(seat -> seatIds.contains(seat.id()))
            .sorted((x, y) -> Long.compare(x.id(), y.id()))
            .toList();
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new NewReservation(
        id, performance.id(), holder == null ? id : holder, seats, now, now.plusSeconds(600));
  }

  public static List<Long> seatIdsOf(Reservation reservation) {
    return reservation.seats().stream().map(SeatInfo::id).toList();
  }

  @SuppressWarnings("unchecked")
  public static StatefulRedisConnection<String, String> redis(ApplicationContext ctx) {
    return ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
  }
}
