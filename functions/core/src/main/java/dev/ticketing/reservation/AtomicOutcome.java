package dev.ticketing.reservation;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code reserve_available_seats} answers: how many of the requested seats its update reserved
 * and, after a partial loss, the requested seats MySQL shows taken (comma-separated).
 */
@Introspected
public record AtomicOutcome(int reserved, @Nullable String taken) {

  boolean won(List<Long> requested) {
    return reserved == requested.size();
  }

  /**
   * The loss to report: none reserved means every requested seat was RESERVED when the update read
   * it; after a partial loss, the seats taken now, or the requested ones if their winner has not
   * committed yet.
   */
  SeatsUnavailableException lost(List<Long> requested) {
    if (reserved == 0) {
      return new SeatsUnavailableException(requested, true);
    }
    if (taken == null || taken.isEmpty()) {
      return new SeatsUnavailableException(requested, false);
    }
    return new SeatsUnavailableException(
        Arrays.stream(taken.split(",")).map(Long::valueOf).toList(), true);
  }
}
