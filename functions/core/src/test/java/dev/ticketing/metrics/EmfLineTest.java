package dev.ticketing.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfLineTest {
  @Test
  void aLineCarriesItsGroupsDirectiveDimensionValuesAndValues() {
    EmfLine line =
        EmfLine.of(
            MetricGroup.RESERVATION_ATTEMPT, Map.of(MetricGroup.LOCK_STRATEGY, "redis-spin"));

    assertEquals(
        "{\"_aws\":{\"Timestamp\":1700000000123,\"CloudWatchMetrics\":[{\"Namespace\":\"Ticketing\","
            + "\"Dimensions\":[[\"LockStrategy\"]],\"Metrics\":[{\"Name\":\"Reservations\","
            + "\"Unit\":\"Count\"},{\"Name\":\"ReservationConflicts\",\"Unit\":\"Count\"}]}]},"
            + "\"LockStrategy\":\"redis-spin\",\"Reservations\":0,\"ReservationConflicts\":1}",
        line.format(1700000000123L, 0, 1));
  }

  @Test
  void aGroupWithoutDimensionsHasOneEmptyDimensionSet() {
    String line = EmfLine.of(MetricGroup.TICKET_ISSUED, Map.of()).format(5, 1);

    assertEquals(
        "{\"_aws\":{\"Timestamp\":5,\"CloudWatchMetrics\":[{\"Namespace\":\"Ticketing\","
            + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"TicketsIssued\",\"Unit\":\"Count\"}]}]},"
            + "\"TicketsIssued\":1}",
        line);
  }

  @Test
  void dimensionsOtherThanTheGroupsOrValuesThatNeedEscapingAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EmfLine.of(MetricGroup.RESERVATION_ATTEMPT, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> EmfLine.of(MetricGroup.TICKET_ISSUED, Map.of(MetricGroup.LOCK_STRATEGY, "atomic")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            EmfLine.of(
                MetricGroup.RESERVATION_ATTEMPT, Map.of(MetricGroup.LOCK_STRATEGY, "a\",\"b")));
  }

  @Test
  void aLineIsWrittenWithAsManyValuesAsItsGroupHasMetrics() {
    EmfLine queueTick = EmfLine.of(MetricGroup.QUEUE_TICK, Map.of());
    assertThrows(IllegalArgumentException.class, () -> queueTick.format(1, 2));
    assertEquals(
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Ticketing\","
            + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"Admissions\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"QueueDepth\",\"Unit\":\"Count\"}]}]},\"Admissions\":2,\"QueueDepth\":3}",
        queueTick.format(1, 2, 3));
  }
}
