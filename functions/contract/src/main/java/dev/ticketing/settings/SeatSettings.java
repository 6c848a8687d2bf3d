package dev.ticketing.settings;

import java.util.Optional;

/**
 * How seats are sold: read by reserve-seat (the lock wait also by every database pool).
 * HOLD_TTL_SECONDS is how long a hold keeps its seats for checkout before the advancer's sweep
 * returns them (docs/seats.md, "Holds").
 */
public record SeatSettings(
    LockStrategy lockStrategy,
    int maxSeatsPerHolder,
    int dbLockWaitTimeoutSeconds,
    int seatLockLeaseMillis,
    int seatLockWaitMillis,
    int holdTtlSeconds) {

  static SeatSettings read(EnvReader r) {
    SeatSettings seats =
        new SeatSettings(
            r.optional("LOCK_STRATEGY")
                .map(v -> LockStrategy.of("LOCK_STRATEGY", v))
                .orElse(LockStrategy.DEFAULT),
            r.integer("MAX_SEATS_PER_HOLDER", 4, 1, 4),
            r.integer("DB_LOCK_WAIT_TIMEOUT_SECONDS", 3, 0, 50),
            r.integer("SEAT_LOCK_LEASE_MS", 15_000, 1_000, 300_000),
            r.integer("SEAT_LOCK_WAIT_MS", 3_000, 10, 60_000),
            r.integer("HOLD_TTL_SECONDS", 600, 1, 3_600));
    if (seats.seatLockLeaseMillis() <= seats.dbLockWaitTimeoutSeconds() * 1_000) {
      throw new InvalidSettingException(
          "SEAT_LOCK_LEASE_MS", "must outlive DB_LOCK_WAIT_TIMEOUT_SECONDS, the longest lock wait");
    }
    return seats;
  }

  /**
   * The statement every pooled connection runs when opened: the short row-lock wait. None when the
   * wait is left to the server ({@code DB_LOCK_WAIT_TIMEOUT_SECONDS=0}: behind RDS Proxy, where a
   * session {@code SET} pins the connection).
   */
  public Optional<String> connectionInitSql() {
    return dbLockWaitTimeoutSeconds > 0
        ? Optional.of("SET SESSION innodb_lock_wait_timeout = " + dbLockWaitTimeoutSeconds)
        : Optional.empty();
  }
}
