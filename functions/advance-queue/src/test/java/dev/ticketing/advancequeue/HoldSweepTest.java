package dev.ticketing.advancequeue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.holds.HoldEndRepository;
import dev.ticketing.holds.HoldEndings;
import dev.ticketing.holds.SeatsReturnedListener;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.MapSeat;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.seats.SeatMapStore;
import dev.ticketing.seats.SeatMapView;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The advancer's hold sweep (a second apart, and at every tick): expired holds end and their seats
 * are AVAILABLE in MySQL and on the live map; a change whose Redis step never ran reaches the map.
 */
class HoldSweepTest {
  private static ApplicationContext advancer;
  private static ApplicationContext viewer;

  @BeforeAll
  static void start() {
    advancer = TestStores.context(FunctionEnvironments.ADVANCE_QUEUE);
    viewer = TestStores.context(FunctionEnvironments.LIST_SEATS);
  }

  @AfterAll
  static void stop() {
    advancer.close();
    viewer.close();
  }

  @Test
  void oneSweepEndsAnExpiredHoldAndShowsItsSeatsAvailable() {
    Performance performance = TestPerformances.create(viewer, 1, 6);
    List<Long> seats = seatIds(performance);
    LiveSeatMap map = viewer.getBean(LiveSeatMap.class);
    map.full(performance.id(), LiveSeatMap.NO_VERSION);
    String expired =
        commitHold(performance, Instant.now().minusSeconds(1), seats.get(1), seats.get(2));
    String live = commitHold(performance, Instant.now().plusSeconds(600), seats.get(4));
    map.mark(
        performance.id(),
        SeatMapStore.Mark.HELD,
        List.of(seats.get(1), seats.get(2), seats.get(4)),
        false);

    new AdvanceQueueFunction(advancer).execute(sweepEvent());

    assertEquals("EXPIRED", reservationStatus(expired));
    assertEquals("HELD", reservationStatus(live));
    assertOnMap(performance, Map.of(seats.get(4), SeatStatus.HELD));
  }

  @Test
  @SuppressWarnings("unchecked")
  void endingAHoldTellsTheSeatsReturnedListenersAfterItsCommit() {
    Performance performance = TestPerformances.create(viewer, 1, 4);
    List<Long> seats = seatIds(performance);
    String expired = commitHold(performance, Instant.now().minusSeconds(1), seats.get(0));
    List<String> told = new CopyOnWriteArrayList<>();
    SeatsReturnedListener listener =
        (performanceId, seatIds, how) ->
            told.add(seatIds + ":" + how + ":" + reservationStatus(expired));
    HoldEndings endings =
        new HoldEndings(
            advancer.getBean(TransactionOperations.class),
            advancer.getBean(HoldEndRepository.class),
            advancer.getBean(SeatMapStore.class),
            List.of(listener));

    assertEquals(1, endings.expireDue(performance.id(), Instant.now(), 10));

    assertEquals(List.of(List.of(seats.get(0)) + ":EXPIRED:EXPIRED"), told);
  }

  @Test
  void aReleaseWhoseRedisStepNeverRanReachesTheMapAtTheNextSweep() {
    Performance performance = TestPerformances.create(viewer, 1, 6);
    List<Long> seats = seatIds(performance);
    LiveSeatMap map = viewer.getBean(LiveSeatMap.class);
    map.full(performance.id(), LiveSeatMap.NO_VERSION);
    String hold = commitHold(performance, Instant.now().plusSeconds(600), seats.get(3));
    map.mark(performance.id(), SeatMapStore.Mark.HELD, List.of(seats.get(3)), false);
    String kept = commitHold(performance, Instant.now().plusSeconds(600), seats.get(5));
    map.mark(performance.id(), SeatMapStore.Mark.HELD, List.of(seats.get(5)), false);
    sql("UPDATE reservations SET status = 'RELEASED' WHERE id = ?", hold);
    sql("UPDATE seats SET status = 'AVAILABLE', version = version + 1 WHERE id = ?", seats.get(3));
    sql("DELETE FROM reservation_seats WHERE reservation_id = ?", hold);

    new AdvanceQueueFunction(advancer).execute(sweepEvent());

    assertOnMap(performance, Map.of(seats.get(5), SeatStatus.HELD));
    assertEquals("HELD", reservationStatus(kept));
  }

  private static ScheduledEvent sweepEvent() {
    ScheduledEvent event = new ScheduledEvent();
    event.setDetailType(HoldSweep.DETAIL_TYPE);
    return event;
  }

  private static List<Long> seatIds(Performance performance) {
    return viewer.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
        .map(SeatInfo::id)
        .toList();
  }

  private static void assertOnMap(Performance performance, Map<Long, SeatStatus> taken) {
    SeatMapView.Full view =
        (SeatMapView.Full)
            viewer.getBean(LiveSeatMap.class).full(performance.id(), LiveSeatMap.NO_VERSION);
    for (MapSeat seat : view.seats()) {
      assertEquals(
          taken.getOrDefault(seat.id(), SeatStatus.AVAILABLE), seat.status(), "seat " + seat.id());
    }
  }

  private static String reservationStatus(String id) {
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement("SELECT status FROM reservations WHERE id = ?")) {
      s.setString(1, id);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(String statement, Object parameter) {
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setObject(1, parameter);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connection() throws SQLException {
    return DelegatingDataSource.unwrapDataSource(viewer.getBean(DataSource.class)).getConnection();
  }

  /** What a hold's transaction commits, expiring at {@code expiresAt}. */
  private static String commitHold(Performance performance, Instant expiresAt, Long... seatIds) {
    String id = UUID.randomUUID().toString();
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      for (long seat : seatIds) {
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE seats SET status = 'HELD', version = version + 1 WHERE id = ?")) {
          s.setLong(1, seat);
          s.executeUpdate();
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO reservations (id, performance_id, holder, created_at, total, status,"
                  + " expires_at) VALUES (?, ?, ?, ?, ?, 'HELD', ?)")) {
        s.setString(1, id);
        s.setLong(2, performance.id());
        s.setString(3, id);
        s.setTimestamp(4, Timestamp.from(Instant.now()));
        s.setBigDecimal(5, new BigDecimal("100.00"));
        s.setTimestamp(6, Timestamp.from(expiresAt));
        s.executeUpdate();
      }
      for (long seat : seatIds) {
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO reservation_seats (reservation_id, seat_id) VALUES (?, ?)")) {
          s.setString(1, id);
          s.setLong(2, seat);
          s.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return id;
  }
}
