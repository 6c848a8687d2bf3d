package dev.ticketing.advancequeue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.redis.LuaScript;
import dev.ticketing.redis.PerformanceKeys;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.seats.SeatMapKeys;
import dev.ticketing.seats.SeatMapRebuilder;
import dev.ticketing.seats.SeatMapStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles reservations MySQL committed whose Redis step never ran (the reserve-seat function died
 * between the commit and the settlement): their seats go on the live map and their sessions end.
 * Nothing is added to the reservation path: the advancer follows MySQL, at start and at every tick
 * of an open sale (docs/seats.md, "Crash consistency").
 *
 * <ul>
 *   <li>Every tick: a committed reservation whose session is still active is exactly one whose
 *       settlement never ran (the settlement ends the session in the same step as it marks the
 *       seats). The active sessions (at most the queue's capacity) are looked up in MySQL by the
 *       unique key; those with a reservation are settled in one script.
 *   <li>At start and at every hold sweep (every second): the map's version (read first) against
 *       MySQL's count of seat changes, SUM(seats.version) (read after). A map that saw every change
 *       MySQL committed has exactly that version; a lower one missed changes (a hold whose function
 *       died before its Redis step and whose session left before the advancer saw it, a release or
 *       confirmation whose Redis step failed), a higher one applied marks out of order: either way
 *       the map is replaced by MySQL's state ({@link SeatMapRebuilder}).
 * </ul>
 */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class UnsettledReservations {
  private static final int SESSIONS_PER_QUERY = 500;
  private static final Logger LOG = LoggerFactory.getLogger(UnsettledReservations.class);
  private static final LuaScript SETTLE =
      LuaScript.load("seats/settle-reservations.lua", "seats/mark.lua");

  private final StatefulRedisConnection<String, String> redis;
  private final SessionReservationRepository reservations;
  private final SeatLayoutRepository seats;
  private final SeatMapStore map;
  private final SeatMapRebuilder rebuilder;
  private final SaleWindows sales;
  private final Clock clock;

  public UnsettledReservations(
      @Named("primary") StatefulRedisConnection<String, String> redis,
      SessionReservationRepository reservations,
      SeatLayoutRepository seats,
      SeatMapStore map,
      SeatMapRebuilder rebuilder,
      SaleWindows sales,
      Clock clock) {
    this.redis = redis;
    this.reservations = reservations;
    this.seats = seats;
    this.map = map;
    this.rebuilder = rebuilder;
    this.sales = sales;
    this.clock = clock;
  }

  /** Follows up every open sale now (when a function instance starts). */
  public void followUpOpenSales() {
    Instant now = clock.instant();
    for (SaleWindow sale : sales.onSale(now)) {
      followUp(sale.performanceId(), now);
      checkMap(sale.performanceId());
    }
  }

  /** One tick's follow-up of one open sale. */
  public void followUp(long performanceId, Instant now) {
    int settled = settleActiveSessions(performanceId);
    if (settled > 0) {
      LOG.info(
          "settled {} reservation(s) of performance {} whose Redis step never ran",
          settled,
          performanceId);
    }
  }

  /** Settles the reservations of sessions still active; how many. */
  int settleActiveSessions(long performanceId) {
    String sessionsKey = PerformanceKeys.of(performanceId).sessions();
    List<String> active = redis.sync().zrange(sessionsKey, 0, -1);
    Set<String> holders = new LinkedHashSet<>();
    List<Long> seatIds = new ArrayList<>();
    for (int from = 0; from < active.size(); from += SESSIONS_PER_QUERY) {
      List<String> chunk = active.subList(from, Math.min(active.size(), from + SESSIONS_PER_QUERY));
      for (SessionReservationRepository.ReservedSeat seat :
          reservations.findSeatsOf(performanceId, chunk)) {
        holders.add(seat.holder());
        seatIds.add(seat.seatId());
      }
    }
    if (holders.isEmpty()) {
      return 0;
    }
    List<String> args = new ArrayList<>(2 + holders.size() + seatIds.size());
    args.add(SeatMapStore.Mark.TAKEN.letter());
    args.add(Integer.toString(holders.size()));
    args.addAll(holders);
    seatIds.forEach(id -> args.add(Long.toString(id)));
    SETTLE.run(
        redis.sync(),
        ScriptOutputType.INTEGER,
        SeatMapKeys.of(performanceId).changingAnd(sessionsKey),
        args.toArray(String[]::new));
    return holders.size();
  }

  /**
   * Replaces the map by MySQL's state when its version differs from MySQL's count of seat changes;
   * true when it did. A map that is missing while MySQL has no change is left to the first reader
   * to build (the performance may still be being created).
   */
  public boolean checkMap(long performanceId) {
    long version = map.version(performanceId);
    long changes = seats.sumVersions(performanceId);
    if (changes == 0 || version == changes) {
      return false;
    }
    rebuilder.rebuild(performanceId, version > changes);
    LOG.info(
        "seat map of performance {} had seen {} of the {} seat changes MySQL committed; rebuilt",
        performanceId,
        Math.max(version, 0),
        changes);
    return true;
  }
}
