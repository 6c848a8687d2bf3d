package dev.ticketing.bench.reservation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

/**
 * The seats buyers still believe are free (what a fresh seat map shows them). Buyers pick among
 * them independently, so two buyers often pick the same seat: that is the contention measured.
 */
final class AvailableSeats {
  private final List<Long> free;

  AvailableSeats(Collection<Long> seats) {
    this.free = new ArrayList<>(seats);
  }

  /** 1 or 2 random free seats (fewer if fewer remain); empty when sold out. */
  synchronized List<Long> pick(Random random) {
    if (free.isEmpty()) {
      return List.of();
    }
    int want = Math.min(free.size(), 1 + random.nextInt(2));
    List<Long> picked = new ArrayList<>(want);
    while (picked.size() < want) {
      Long seat = free.get(random.nextInt(free.size()));
      if (!picked.contains(seat)) {
        picked.add(seat);
      }
    }
    return picked;
  }

  synchronized void sold(Collection<Long> seats) {
    free.removeAll(seats);
  }
}
