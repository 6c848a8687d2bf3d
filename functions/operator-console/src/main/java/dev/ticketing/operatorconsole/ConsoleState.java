package dev.ticketing.operatorconsole;

import dev.ticketing.figures.MinuteFigures;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** The console's answer: one performance's sale, live (docs/api.md#operator-console). */
@Serdeable
public record ConsoleState(
    long performanceId,
    String saleState,
    long capacity,
    long waiting,
    long called,
    long inSession,
    Seats seats,
    LastMinute lastMinute,
    List<MinuteFigures.Minute> series,
    int joinDifficulty,
    Instant asOf) {

  /** From MySQL: available, held (in a hold being checked out), sold (confirmed). */
  @Serdeable
  public record Seats(long available, long held, long sold) {}

  /**
   * The last 60 seconds: the current minute's counts plus the previous minute's, weighted by the
   * part of it still inside the 60 seconds. {@code conflictShare}: 409s over reservation attempts
   * (holds made + 409s), 0 without any.
   */
  @Serdeable
  public record LastMinute(
      long admissions,
      long reservations,
      long conflicts,
      double conflictShare,
      long serverErrors) {}
}
