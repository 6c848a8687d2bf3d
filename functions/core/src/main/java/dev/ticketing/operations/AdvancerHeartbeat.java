package dev.ticketing.operations;

import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the running advancer last said about itself: when it ticked and the {@code QUEUE_CAPACITY}
 * it applies to every queue without an operator's capacity. An operator's command runs in its own
 * process with its own environment, so it asks here instead of trusting its own settings (issue 16,
 * defect 9). One hash per deployment, {@value #KEY}, written once per tick (a single HSET and
 * EXPIRE), gone an hour after the advancer stops.
 */
@Singleton
public class AdvancerHeartbeat {
  public static final String KEY = "advancer:heartbeat";
  static final Duration KEPT = Duration.ofHours(1);

  private final StatefulRedisConnection<String, String> primary;
  private final StatefulRedisConnection<String, String> reader;

  public AdvancerHeartbeat(
      @Named("primary") StatefulRedisConnection<String, String> primary,
      @Named("reader") StatefulRedisConnection<String, String> reader) {
    this.primary = primary;
    this.reader = reader;
  }

  /** The advancer's last report. */
  public record Beat(Instant at, int queueCapacity) {}

  public void beat(Instant now, int queueCapacity) {
    var redis = primary.sync();
    redis.hset(
        KEY,
        Map.of(
            "at", Long.toString(now.toEpochMilli()), "capacity", Integer.toString(queueCapacity)));
    redis.expire(KEY, KEPT.toSeconds());
  }

  public Optional<Beat> last() {
    Map<String, String> h = reader.sync().hgetall(KEY);
    if (h == null || h.get("at") == null || h.get("capacity") == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Beat(
            Instant.ofEpochMilli(Long.parseLong(h.get("at"))),
            Integer.parseInt(h.get("capacity"))));
  }
}
