package dev.ticketing.reliability.hook;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.reservation.SettledAttempts;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test hook, on the gateway's class path only in the fault-injection suite and only with the system
 * property {@value #TRIGGER}: once the file that property names exists, the reserve-seat function's
 * process dies ({@code Runtime.halt}: no shutdown hook, no {@code finally}, as with {@code kill
 * -9}) right after a reservation's commit, before its Redis step. It first writes which session it
 * left unsettled to {@code <trigger>.victim}.
 */
@Singleton
@Replaces(SettledAttempts.class)
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
@Requires(property = HaltAfterCommit.TRIGGER)
public class HaltAfterCommit extends SettledAttempts {
  public static final String TRIGGER = "reliability.halt-after-commit";

  private final Path trigger;

  public HaltAfterCommit(
      @Named("primary") StatefulRedisConnection<String, String> redis,
      @Value("${" + TRIGGER + "}") String trigger) {
    super(redis);
    this.trigger = Path.of(trigger);
  }

  public static Path victimFile(Path trigger) {
    return Path.of(trigger + ".victim");
  }

  @Override
  public long won(long performanceId, String sessionId, List<Long> seatIds) {
    if (Files.exists(trigger)) {
      try {
        Files.writeString(victimFile(trigger), sessionId + " " + seatIds);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().halt(137);
    }
    return super.won(performanceId, sessionId, seatIds);
  }
}
