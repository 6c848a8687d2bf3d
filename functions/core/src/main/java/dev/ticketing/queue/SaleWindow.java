package dev.ticketing.queue;

import java.time.Instant;

/** When a performance's sale opens and closes: what the waiting room needs of the catalog. */
public record SaleWindow(long performanceId, Instant opensAt, Instant closesAt) {

  public boolean openAt(Instant now) {
    return !now.isBefore(opensAt) && now.isBefore(closesAt);
  }

  public boolean endedAt(Instant now) {
    return !now.isBefore(closesAt);
  }
}
