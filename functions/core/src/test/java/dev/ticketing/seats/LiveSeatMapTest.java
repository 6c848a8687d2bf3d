package dev.ticketing.seats;

import static dev.ticketing.seats.SeatMapStore.Mark.RESERVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.catalog.Performance;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live seat map's scripts against real Redis, with MySQL as the source they heal from. */
class LiveSeatMapTest {
  private static ApplicationContext ctx;
  private static StatefulRedisConnection<String, String> redis;
  private static LiveSeatMap map;
  private static SeatMapStore store;

  private Performance performance;
  private List<Long> seats;
  private SeatMapKeys keys;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() {
    ctx = TestStores.context(FunctionEnvironments.LIST_SEATS);
    redis = ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
    map = ctx.getBean(LiveSeatMap.class);
    store = ctx.getBean(SeatMapStore.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @BeforeEach
  void freshPerformance() {
    performance = TestPerformances.create(ctx, 1, 6);
    seats =
        ctx.getBean(SeatLayoutRepository.class).findLayout(performance.id()).stream()
            .map(SeatInfo::id)
            .toList();
    keys = SeatMapKeys.of(performance.id());
  }

  @Test
  void aMissingMapIsBuiltFromMySqlOnFirstRead() {
    SeatMapView.Full full =
        assertInstanceOf(SeatMapView.Full.class, map.full(performance.id(), -1));

    assertEquals(0, full.version());
    assertEquals(seats, full.seats().stream().map(MapSeat::id).toList());
    assertTrue(redis.sync().pttl(keys.meta()) > 0, "the map's keys must expire");
  }

  @Test
  void eachReservedSeatRaisesTheVersionOnceAndIsLoggedAtIt() {
    map.full(performance.id(), -1);

    assertEquals(
        2, map.mark(performance.id(), RESERVED, List.of(seats.get(0), seats.get(3)), false));
    assertEquals(2, map.mark(performance.id(), RESERVED, List.of(seats.get(3)), false));
    assertEquals(3, map.mark(performance.id(), RESERVED, List.of(seats.get(1)), false));

    SeatMapView.Changes since1 =
        assertInstanceOf(SeatMapView.Changes.class, map.since(performance.id(), 1));
    assertEquals(3, since1.version());
    assertEquals(
        List.of(seats.get(3), seats.get(1)),
        since1.changes().stream().map(SeatChange::id).toList());
    assertInstanceOf(SeatMapView.NotModified.class, map.since(performance.id(), 3));
    assertInstanceOf(SeatMapView.NotModified.class, map.full(performance.id(), 3));
  }

  @Test
  void aHoldAConfirmationAndAReturnAreEachOneChangeWithTheirStatus() {
    map.full(performance.id(), -1);
    long seat = seats.get(2);

    assertEquals(1, map.mark(performance.id(), SeatMapStore.Mark.HELD, List.of(seat), false));
    assertEquals(2, map.mark(performance.id(), RESERVED, List.of(seat), false));
    assertEquals(3, map.mark(performance.id(), SeatMapStore.Mark.AVAILABLE, List.of(seat), false));
    assertEquals(4, map.mark(performance.id(), SeatMapStore.Mark.TAKEN, List.of(seat), false));
    assertEquals(4, map.mark(performance.id(), SeatMapStore.Mark.TAKEN, List.of(seat), false));

    SeatMapView.Changes since0 =
        assertInstanceOf(SeatMapView.Changes.class, map.since(performance.id(), 0));
    assertEquals(
        List.of(
            new SeatChange(seat, SeatStatus.HELD),
            new SeatChange(seat, SeatStatus.RESERVED),
            new SeatChange(seat, SeatStatus.AVAILABLE),
            new SeatChange(seat, SeatStatus.HELD)),
        since0.changes());
    SeatMapView.Full full =
        assertInstanceOf(SeatMapView.Full.class, map.full(performance.id(), -1));
    assertEquals(
        SeatStatus.HELD,
        full.seats().stream().filter(s -> s.id() == seat).findFirst().orElseThrow().status());
  }

  /** A whole map that has seen at least the snapshot's changes is newer than the snapshot: kept. */
  @Test
  void aRebuildFromAnOlderSnapshotKeepsTheMap() {
    map.full(performance.id(), -1);
    map.mark(performance.id(), RESERVED, List.of(seats.get(0)), false);

    SeatMapRead.Full rebuilt =
        store.rebuild(
            performance.id(),
            "[]",
            System.currentTimeMillis() + 60_000,
            new SeatSnapshot(0, List.of(), List.of()),
            false);

    assertEquals(1, rebuilt.version());
    assertEquals(List.of(seats.get(0)), rebuilt.reservedSeatIds());
  }

  @Test
  void aMapBehindMySqlIsReplacedByMySqlsStateAndOldVersionsGetTheWholeMap() {
    map.full(performance.id(), -1);
    map.mark(performance.id(), SeatMapStore.Mark.HELD, List.of(seats.get(0)), false);

    SeatMapRead.Full rebuilt =
        store.rebuild(
            performance.id(),
            "[]",
            System.currentTimeMillis() + 60_000,
            new SeatSnapshot(3, List.of(seats.get(2)), List.of(seats.get(4))),
            false);

    assertEquals(3, rebuilt.version());
    assertEquals(List.of(seats.get(2)), rebuilt.reservedSeatIds());
    assertEquals(List.of(seats.get(4)), rebuilt.heldSeatIds());
    assertInstanceOf(SeatMapView.Full.class, map.since(performance.id(), 1));
  }

  /** Eviction of one key (not a whole flush) must not let a partial map be served. */
  @Test
  void aMapMissingAnyOfItsKeysIsRebuiltNotServed() throws SQLException {
    map.full(performance.id(), -1);
    List<String> evicted = List.of(keys.reserved(), keys.log(), keys.layout(), keys.meta());
    for (int i = 0; i < evicted.size(); i++) {
      commit(List.of(seats.get(i)));
      redis.sync().del(evicted.get(i));

      assertInstanceOf(
          SeatMapRead.Missing.class, store.readFull(performance.id(), -1, true), evicted.get(i));
      SeatMapView.Full healed =
          assertInstanceOf(SeatMapView.Full.class, map.full(performance.id(), -1));
      assertEquals(i + 1, healed.version(), evicted.get(i));
      assertEquals(
          i + 1, healed.seats().stream().filter(s -> s.status() == SeatStatus.RESERVED).count());
    }
  }

  @Test
  void afterALossTheVersionNeverGoesBackAndOldVersionsGetTheWholeMap() throws SQLException {
    map.full(performance.id(), -1);
    commit(List.of(seats.get(0), seats.get(1)));
    redis.sync().del(keys.all());

    assertInstanceOf(SeatMapView.NotModified.class, map.since(performance.id(), 2));
    redis.sync().del(keys.all());
    SeatMapView.Full full =
        assertInstanceOf(SeatMapView.Full.class, map.since(performance.id(), 1));
    assertEquals(2, full.version());
  }

  @Test
  void theVersionInMySqlIsTheVersionOfTheWholeMap() throws SQLException {
    map.full(performance.id(), -1);
    commit(List.of(seats.get(5)));
    assertEquals(1, map.versionInDatabase(performance.id()));
    assertEquals(1, map.full(performance.id(), -1).version());
  }

  /** What a reservation does: MySQL commits the seats, then the map is told. */
  private void commit(List<Long> seatIds) throws SQLException {
    String placeholders = String.join(",", seatIds.stream().map(id -> "?").toList());
    try (Connection connection =
            DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class)).getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE seats SET status = 'RESERVED', version = version + 1"
                    + " WHERE performance_id = ? AND status = 'AVAILABLE' AND id IN ("
                    + placeholders
                    + ")")) {
      update.setLong(1, performance.id());
      for (int i = 0; i < seatIds.size(); i++) {
        update.setLong(i + 2, seatIds.get(i));
      }
      assertEquals(seatIds.size(), update.executeUpdate());
    }
    map.mark(performance.id(), RESERVED, seatIds, false);
  }
}
