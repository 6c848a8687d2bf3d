package dev.ticketing.queue;

import java.time.Instant;

/**
 * Where a performance's sale stands, as the public queue state says it. More states may come:
 * clients must treat an unknown value as "not open".
 */
public enum SaleState {
  BEFORE_OPENING,
  OPEN,
  /** An operator paused the sale: nobody is admitted, places are kept. */
  PAUSED,
  /** Nothing left to sell (no seat available nor held); seats that come back reopen it. */
  SOLD_OUT,
  CLOSED;

  public static SaleState of(SaleWindow sale, Instant now) {
    if (now.isBefore(sale.opensAt())) {
      return BEFORE_OPENING;
    }
    return sale.endedAt(now) ? CLOSED : OPEN;
  }

  /** The window's state, then a pause, then a sold-out sale, as the queue's keys say. */
  public static SaleState of(SaleWindow sale, Instant now, boolean paused, boolean soldOut) {
    SaleState state = of(sale, now);
    if (state == CLOSED) {
      return CLOSED;
    }
    if (paused) {
      return PAUSED;
    }
    return state == OPEN && soldOut ? SOLD_OUT : state;
  }
}
