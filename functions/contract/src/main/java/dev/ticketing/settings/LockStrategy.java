package dev.ticketing.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The seat-lock strategies ({@code LOCK_STRATEGY}); the first is the default (see docs/seats.md).
 * {@link Ids} holds each strategy's setting value as a constant, so a strategy bean can be named by
 * it in an annotation.
 */
public enum LockStrategy {
  ATOMIC(Ids.ATOMIC),
  PESSIMISTIC(Ids.PESSIMISTIC),
  OPTIMISTIC(Ids.OPTIMISTIC),
  REDIS_SPIN(Ids.REDIS_SPIN),
  REDIS_PUBSUB(Ids.REDIS_PUBSUB);

  public static final LockStrategy DEFAULT = ATOMIC;

  private final String id;

  LockStrategy(String id) {
    this.id = id;
  }

  /** The value of {@code LOCK_STRATEGY} that selects it. */
  public String id() {
    return id;
  }

  /** The strategy a {@code LOCK_STRATEGY} value names, in any case. */
  public static LockStrategy of(String variable, String value) {
    String wanted = value.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(s -> s.id.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidSettingException(
                    variable, "must be one of " + allIds() + " (got '" + wanted + "')"));
  }

  /** Prints the setting values, one per line, for scripts ({@code loadtest/showdown.py}). */
  public static void main(String[] args) {
    Arrays.stream(values()).map(LockStrategy::id).forEach(System.out::println);
  }

  public static String allIds() {
    return Arrays.stream(values()).map(LockStrategy::id).collect(Collectors.joining(", "));
  }

  /** The setting values, as constants. */
  public static final class Ids {
    public static final String ATOMIC = "atomic";
    public static final String PESSIMISTIC = "pessimistic";
    public static final String OPTIMISTIC = "optimistic";
    public static final String REDIS_SPIN = "redis-spin";
    public static final String REDIS_PUBSUB = "redis-pubsub";

    private Ids() {}
  }
}
