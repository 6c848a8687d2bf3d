package dev.ticketing.advancequeue;

import java.time.Duration;

/** Waits until the next tick slot; tests move a manual clock instead. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;
}
