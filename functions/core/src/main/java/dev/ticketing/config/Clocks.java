package dev.ticketing.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock every time-dependent rule reads; tests replace it. */
@Factory
public class Clocks {
  @Singleton
  public Clock clock() {
    return Clock.systemUTC();
  }
}
