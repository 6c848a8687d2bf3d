package dev.ticketing.advancequeue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.TickResult;
import dev.ticketing.settings.Settings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The 5-second cadence on AWS, where a schedule fires at most once a minute: the invocation for a
 * minute ticks at every slot of that minute (start, start + interval, ...), sleeping in between. A
 * slot another invocation already ticked is skipped; a slot that is more than one interval in the
 * past is skipped too (a late invocation never catches up with a burst of ticks).
 */
@Singleton
@Requires(env = FunctionEnvironments.ADVANCE_QUEUE)
public class AdvanceCadence {
  /** The schedule's period: EventBridge rules fire at most once a minute. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private final AdvanceQueueJob job;
  private final HoldSweep sweep;
  private final TickSlots slots;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;

  @Inject
  public AdvanceCadence(
      AdvanceQueueJob job, HoldSweep sweep, TickSlots slots, Clock clock, Settings settings) {
    this(
        job,
        sweep,
        slots,
        clock,
        d -> Thread.sleep(d.toMillis()),
        Duration.ofSeconds(settings.queue().advanceIntervalSeconds()));
  }

  public AdvanceCadence(
      AdvanceQueueJob job,
      HoldSweep sweep,
      TickSlots slots,
      Clock clock,
      Sleeper sleeper,
      Duration interval) {
    this.job = job;
    this.sweep = sweep;
    this.slots = slots;
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = interval;
  }

  /** Ticks through the window that starts at {@code start} (the schedule's event time). */
  public AdvanceReport run(Instant start, Duration window) throws InterruptedException {
    String owner = UUID.randomUUID().toString();
    Instant first = alignUp(start);
    AdvanceReport report = AdvanceReport.EMPTY;
    if (job.idleUntil(start.plus(window))) {
      return report;
    }
    for (Instant slot = first; slot.isBefore(start.plus(window)); slot = slot.plus(interval)) {
      Instant now = clock.instant();
      if (!now.isBefore(slot.plus(interval))) {
        report = report.missed();
        continue;
      }
      while (now.isBefore(slot)) {
        // Holds expire between ticks too: a sweep a second (HoldSweep.EVERY) while waiting.
        Duration wait = Duration.between(now, slot);
        sleeper.sleep(wait.compareTo(HoldSweep.EVERY) < 0 ? wait : HoldSweep.EVERY);
        if (clock.instant().isBefore(slot)) {
          sweep.sweep();
        }
        now = clock.instant();
      }
      if (!slots.claim(slot, interval, owner)) {
        report = report.takenElsewhere();
        continue;
      }
      List<TickResult> results = job.tick();
      report = report.ticked(results);
    }
    return report;
  }

  /** One hold sweep now (the local gateway's one-second timer). */
  public AdvanceReport sweepOnce() {
    sweep.sweep();
    return AdvanceReport.EMPTY;
  }

  /** One tick now, outside any window (the local gateway's timer, a manual invocation). */
  public AdvanceReport tickOnce() {
    return AdvanceReport.EMPTY.ticked(job.tick());
  }

  private Instant alignUp(Instant start) {
    long step = interval.toMillis();
    long ms = start.toEpochMilli();
    return Instant.ofEpochMilli((ms + step - 1) / step * step);
  }
}
