package dev.ticketing.operatorconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ticketing.figures.MinuteFigures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's "last minute": the current minute's counts plus the previous minute's, weighted by
 * the part of it still inside the last 60 seconds; the 409 share of the reservation attempts.
 */
class LastMinuteTest {
  private static List<MinuteFigures.Minute> series(
      long previousReservations, long previousConflicts, long reservations, long conflicts) {
    List<MinuteFigures.Minute> series = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      series.add(new MinuteFigures.Minute(Instant.EPOCH, 100, 100, 100, 100, 0));
    }
    series.add(
        new MinuteFigures.Minute(Instant.EPOCH, 10, previousReservations, previousConflicts, 4, 0));
    series.add(new MinuteFigures.Minute(Instant.EPOCH, 6, reservations, conflicts, 0, 0));
    return series;
  }

  @Test
  void twentySecondsIntoAMinuteTwoThirdsOfThePreviousOneCount() {
    Instant now = Instant.parse("2026-12-01T10:05:20Z");
    ConsoleState.LastMinute last = ConsoleView.lastMinute(series(30, 6, 5, 3), now);
    assertEquals(6 + 7, last.admissions()); // 10 x 2/3 rounds to 7
    assertEquals(5 + 20, last.reservations());
    assertEquals(3 + 4, last.conflicts());
    assertEquals(3, last.serverErrors()); // 4 x 2/3 rounds to 3
    assertEquals(0.219, last.conflictShare()); // 7 / 32
  }

  @Test
  void atTheTopOfAMinuteThePreviousOneCountsWhole() {
    Instant now = Instant.parse("2026-12-01T10:05:00Z");
    ConsoleState.LastMinute last = ConsoleView.lastMinute(series(30, 6, 0, 0), now);
    assertEquals(30, last.reservations());
    assertEquals(6, last.conflicts());
  }

  @Test
  void withoutAnyAttemptTheConflictShareIsZero() {
    Instant now = Instant.parse("2026-12-01T10:05:59Z");
    ConsoleState.LastMinute last = ConsoleView.lastMinute(series(0, 0, 0, 0), now);
    assertEquals(0.0, last.conflictShare());
  }
}
