package dev.ticketing.advancequeue;

import dev.ticketing.queue.TickResult;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What one invocation did: ticks run, slots another invocation ticked, slots it was too late for,
 * tickets called in all, and the queues as its last tick left them.
 */
@Serdeable
public record AdvanceReport(
    int ticks, int slotsTakenElsewhere, int slotsMissed, long called, List<TickResult> lastTick) {

  static final AdvanceReport EMPTY = new AdvanceReport(0, 0, 0, 0, List.of());

  AdvanceReport ticked(List<TickResult> results) {
    long calls = results.stream().mapToLong(TickResult::called).sum();
    return new AdvanceReport(
        ticks + 1, slotsTakenElsewhere, slotsMissed, called + calls, List.copyOf(results));
  }

  AdvanceReport takenElsewhere() {
    return new AdvanceReport(ticks, slotsTakenElsewhere + 1, slotsMissed, called, lastTick);
  }

  AdvanceReport missed() {
    return new AdvanceReport(ticks, slotsTakenElsewhere, slotsMissed + 1, called, lastTick);
  }
}
