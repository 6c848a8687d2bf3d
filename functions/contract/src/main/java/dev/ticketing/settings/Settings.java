package dev.ticketing.settings;

import java.util.Map;

/**
 * Every environment variable a function reads, in one place, with its default, validated once at
 * start: where the stores are ({@link StoreSettings}, every function), the waiting room's rules
 * ({@link QueueSettings}) and how seats are sold ({@link SeatSettings}). A bad value stops start-up
 * with a message naming the variable. The local gateway's own variables are read apart, by the
 * gateway. The README lists them all.
 */
public record Settings(StoreSettings stores, QueueSettings queue, SeatSettings seats) {

  public static Settings fromEnvironment() {
    return from(System.getenv());
  }

  public static Settings from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new Settings(StoreSettings.read(r), QueueSettings.read(r), SeatSettings.read(r));
  }

  /**
   * These settings with every secret value removed (database password, signing key, the password in
   * a Redis URL): the copy a function's context holds, while its secrets holder keeps the values.
   */
  public Settings withoutSecrets() {
    return new Settings(stores.withoutSecrets(), queue, seats);
  }
}
