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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 *   <li>At start and once a minute: the map's version (read first) against MySQL's count of
 *       reserved seats (read after). The map only ever holds seats MySQL committed, so equal counts
 *       mean equal sets; a lower version means seats are missing (a reservation whose session left
 *       or expired before the advancer saw it, or one still settling), and the map is rebuilt: a
 *       merge that never removes a seat.
 * </ul>
 */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class UnsettledReservations {
  static final Duration MAP_CHECK_EVERY = Duration.ofMinutes(1);
  private static final int SESSIONS_PER_QUERY = 500;
  private static final Logger LOG = LoggerFactory.getLogger(UnsettledReservations.class);
  private static final LuaScript SETTLE =
      LuaScript.load("seats/settle-reservations.lua", "seats/mark-reserved.lua");

  private final StatefulRedisConnection<String, String> redis;
  private final SessionReservationRepository reservations;
  private final SeatLayoutRepository seats;
  private final SeatMapStore map;
  private final SeatMapRebuilder rebuilder;
  private final SaleWindows sales;
  private final Clock clock;
  private final Map<Long, Instant> mapCheckedAt = new ConcurrentHashMap<>();

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
    Instant checked = mapCheckedAt.get(performanceId);
    if (checked == null || !now.isBefore(checked.plus(MAP_CHECK_EVERY))) {
      mapCheckedAt.put(performanceId, now);
      checkMap(performanceId);
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
    List<String> args = new ArrayList<>(1 + holders.size() + seatIds.size());
    args.add(Integer.toString(holders.size()));
    args.addAll(holders);
    seatIds.forEach(id -> args.add(Long.toString(id)));
    String[] mapKeys = SeatMapKeys.of(performanceId).changing();
    SETTLE.run(
        redis.sync(),
        ScriptOutputType.INTEGER,
        new String[] {mapKeys[0], mapKeys[1], mapKeys[2], sessionsKey},
        args.toArray(String[]::new));
    return holders.size();
  }

  /**
   * Rebuilds the map when it holds fewer seats than MySQL reserved; true when it did. A map that is
   * missing while MySQL has nothing reserved is left to the first reader to build.
   */
  boolean checkMap(long performanceId) {
    long version = map.version(performanceId);
    long reserved = seats.countReserved(performanceId);
    if (reserved == 0 || version >= reserved) {
      return false;
    }
    rebuilder.rebuild(performanceId);
    LOG.info(
        "seat map of performance {} showed {} of the {} seats MySQL reserved; rebuilt",
        performanceId,
        Math.max(version, 0),
        reserved);
    return true;
  }
}
