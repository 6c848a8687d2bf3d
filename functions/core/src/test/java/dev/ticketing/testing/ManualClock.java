package dev.ticketing.testing;

import dev.ticketing.config.Clocks;
import dev.ticketing.function.FunctionContexts;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock a test moves by hand, replacing the real one in a function context started with {@link
 * #PROPERTY} set (see {@link #context}): expiries are tested by moving time, never by sleeping.
 */
@Singleton
@Replaces(bean = Clock.class, factory = Clocks.class)
@Requires(property = ManualClock.PROPERTY, value = "true")
public class ManualClock extends Clock {
  public static final String PROPERTY = "testing.manual-clock";

  private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

  /** Starts a function context whose clock is a {@link ManualClock} (starting at real now). */
  public static ApplicationContext context(String function, Map<String, String> overrides) {
    return FunctionContexts.builder(function, TestStores.settings(overrides))
        .properties(Map.of(PROPERTY, "true"))
        .start();
  }

  public static ManualClock of(ApplicationContext ctx) {
    return ctx.getBean(ManualClock.class);
  }

  public void advance(Duration by) {
    millis.addAndGet(by.toMillis());
  }

  public void set(Instant instant) {
    millis.set(instant.toEpochMilli());
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
