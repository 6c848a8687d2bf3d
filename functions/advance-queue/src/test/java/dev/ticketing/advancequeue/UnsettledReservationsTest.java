package dev.ticketing.advancequeue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.MapSeat;
import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayoutRepository;
import dev.ticketing.seats.SeatMapView;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reservations MySQL committed whose Redis step never ran (the reserve-seat function died between
 * the commit and the map update and session end): the advancer settles them by itself, when it
 * starts and at every tick, so the map shows their seats and their sessions end without anyone
 * having to collide with them (issue 16, defect 1).
 */
class UnsettledReservationsTest {
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
  void aTickSettlesAReservationWhoseRedisStepNeverRan() {
    Performance performance = TestPerformances.create(viewer, 1, 6);
    List<Long> seats = seatIds(performance);
    LiveSeatMap map = viewer.getBean(LiveSeatMap.class);
    map.full(performance.id(), LiveSeatMap.NO_VERSION);
    TestSessions.Session session = TestSessions.open(viewer, performance.id());
    commitWithoutRedis(performance, session.sessionId(), seats.get(2), seats.get(4));

    new AdvanceQueueFunction(advancer).execute(new ScheduledEvent());

    assertReservedOnMap(performance, List.of(seats.get(2), seats.get(4)));
    assertFalse(
        advancer.getBean(SessionRegistry.class).isActive(performance.id(), session.sessionId()),
        "the session still runs");
  }

  @Test
  void anAdvancerThatStartsSettlesThemBeforeItsFirstTick() {
    Performance performance = TestPerformances.create(viewer, 1, 6);
    List<Long> seats = seatIds(performance);
    viewer.getBean(LiveSeatMap.class).full(performance.id(), LiveSeatMap.NO_VERSION);
    TestSessions.Session session = TestSessions.open(viewer, performance.id());
    commitWithoutRedis(performance, session.sessionId(), seats.get(0));

    try (ApplicationContext started = TestStores.context(FunctionEnvironments.ADVANCE_QUEUE)) {
      assertReservedOnMap(performance, List.of(seats.get(0)));
      assertFalse(
          started.getBean(SessionRegistry.class).isActive(performance.id(), session.sessionId()));
    }
  }

  /** Its session already left the waiting room: nothing in Redis points at the reservation. */
  @Test
  void aReservationWhoseSessionIsGoneReachesTheMapWhenTheAdvancerStarts() {
    Performance performance = TestPerformances.create(viewer, 1, 6);
    List<Long> seats = seatIds(performance);
    viewer.getBean(LiveSeatMap.class).full(performance.id(), LiveSeatMap.NO_VERSION);
    commitWithoutRedis(performance, UUID.randomUUID().toString(), seats.get(5));

    try (ApplicationContext started = TestStores.context(FunctionEnvironments.ADVANCE_QUEUE)) {
      assertReservedOnMap(performance, List.of(seats.get(5)));
    }
  }

  private static List<Long> seatIds(Performance performance) {
    return viewer.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
        .map(SeatInfo::id)
        .toList();
  }

  private static void assertReservedOnMap(Performance performance, List<Long> reserved) {
    SeatMapView.Full view =
        (SeatMapView.Full)
            viewer.getBean(LiveSeatMap.class).full(performance.id(), LiveSeatMap.NO_VERSION);
    for (MapSeat seat : view.seats()) {
      assertEquals(
          reserved.contains(seat.id()) ? SeatStatus.HELD : SeatStatus.AVAILABLE,
          seat.status(),
          "seat " + seat.id());
    }
    assertEquals(reserved.size(), view.version());
  }

  /** What a hold's transaction commits, as every lock strategy writes it. */
  private static void commitWithoutRedis(Performance performance, String holder, Long... seatIds) {
    DataSource database = DelegatingDataSource.unwrapDataSource(viewer.getBean(DataSource.class));
    String id = UUID.randomUUID().toString();
    try (Connection c = database.getConnection()) {
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
        s.setString(3, holder);
        s.setTimestamp(4, Timestamp.from(Instant.now()));
        s.setBigDecimal(5, new BigDecimal("100.00").multiply(BigDecimal.valueOf(seatIds.length)));
        s.setTimestamp(6, Timestamp.from(Instant.now().plusSeconds(600)));
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
  }
}
