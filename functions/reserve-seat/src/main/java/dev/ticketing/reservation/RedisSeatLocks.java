package dev.ticketing.reservation;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.redis.LuaScript;
import dev.ticketing.settings.Settings;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Per-seat locks in Redis: {@code SET key owner NX PX lease} with a random owner token, released
 * only by their owner. The lease (SEAT_LOCK_LEASE_MS) outlives the worst-case transaction inside
 * the lock, and bounds how long a crashed owner's lock can block a seat.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class RedisSeatLocks {
  private static final LuaScript RELEASE = LuaScript.load("seats/release-locks.lua");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StatefulRedisConnection<String, String> redis;
  private final long leaseMillis;

  @Inject
  public RedisSeatLocks(
      @Named("primary") StatefulRedisConnection<String, String> redis, Settings settings) {
    this(redis, settings.seats().seatLockLeaseMillis());
  }

  public RedisSeatLocks(StatefulRedisConnection<String, String> redis, long leaseMillis) {
    this.redis = redis;
    this.leaseMillis = leaseMillis;
  }

  /** A new owner token: 128 random bits, never reused. */
  public String newOwner() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public boolean tryAcquire(long performanceId, long seatId, String owner) {
    return "OK"
        .equals(
            redis
                .sync()
                .set(
                    ReservationKeys.of(performanceId).seatLock(seatId),
                    owner,
                    SetArgs.Builder.nx().px(leaseMillis)));
  }

  /** Milliseconds left on the current owner's lease; negative when the lock is gone. */
  public long remainingLeaseMillis(long performanceId, long seatId) {
    return redis.sync().pttl(ReservationKeys.of(performanceId).seatLock(seatId));
  }

  /**
   * Releases the given seats' locks if {@code owner} still holds them, announcing each release when
   * {@code announce}; returns how many it released.
   */
  public long release(long performanceId, List<Long> seatIds, String owner, boolean announce) {
    if (seatIds.isEmpty()) {
      return 0;
    }
    String[] keys =
        seatIds.stream().map(ReservationKeys.of(performanceId)::seatLock).toArray(String[]::new);
    Long released =
        RELEASE.run(redis.sync(), ScriptOutputType.INTEGER, keys, owner, announce ? "1" : "0");
    return released;
  }

  public long leaseMillis() {
    return leaseMillis;
  }
}
