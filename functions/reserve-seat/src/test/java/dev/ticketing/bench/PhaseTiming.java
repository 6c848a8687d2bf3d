package dev.ticketing.bench;

import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.ReservationWriter;
import dev.ticketing.reservation.SeatClaims;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;

/** Where the time of one uncontended reservation goes (a diagnostic, not the benchmark). */
public final class PhaseTiming {
  private PhaseTiming() {}

  public static void main(String[] args) throws Exception {
    try (ApplicationContext ctx = TestStores.context(FunctionEnvironments.RESERVE_SEAT)) {
      SeatClaims claims = ctx.getBean(SeatClaims.class);
      ReservationWriter writer = ctx.getBean(ReservationWriter.class);
      LiveSeatMap map = ctx.getBean(LiveSeatMap.class);
      SessionRegistry sessions = ctx.getBean(SessionRegistry.class);
      for (int round = 0; round < 3; round++) {
        Performance p = TestPerformances.create(ctx, 10, 100);
        List<SeatInfo> seats = ctx.getBean(SeatLayoutRepository.class).findLayout(p.id());
        map.full(p.id(), -1);
        time(
            "tx: update only",
            seats,
            0,
            i -> claims.updateIfAvailable(p.id(), List.of(seats.get(i).id()), () -> null));
        time(
            "tx: update + rows",
            seats,
            200,
            i ->
                claims.updateIfAvailable(
                    p.id(),
                    List.of(seats.get(i).id()),
                    () ->
                        writer.write(
                            "atomic",
                            UUID.randomUUID().toString(),
                            p.id(),
                            UUID.randomUUID().toString(),
                            List.of(seats.get(i)),
                            Instant.now())));
        time(
            "redis: mark reserved",
            seats,
            0,
            i -> map.markReserved(p.id(), List.of(seats.get(i).id()), false));
        time("redis: end session", seats, 0, i -> sessions.end(p.id(), "s" + i));
      }
    }
    System.exit(0);
  }

  private static void time(String what, List<SeatInfo> seats, int from, IntConsumer step) {
    int n = 200;
    long t0 = System.nanoTime();
    for (int i = from; i < from + n; i++) {
      step.accept(i);
    }
    System.out.printf("%-22s %.3f ms%n", what, (System.nanoTime() - t0) / 1e6 / n);
  }
}
