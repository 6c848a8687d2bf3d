package dev.ticketing.queue;

import java.time.Instant;

/**
 * Where a performance's sale stands, as the public queue state says it. More states may come (a
 * paused or sold-out sale): clients must treat an unknown value as "not open".
 */
public enum SaleState {
  BEFORE_OPENING,
  OPEN,
  CLOSED;

  public static SaleState of(SaleWindow sale, Instant now) {
    if (now.isBefore(sale.opensAt())) {
      return BEFORE_OPENING;
    }
    return sale.endedAt(now) ? CLOSED : OPEN;
  }
}
