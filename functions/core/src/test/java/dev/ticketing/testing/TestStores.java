package dev.ticketing.testing;

import dev.ticketing.db.Migrations;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.local.LocalStores;
import dev.ticketing.settings.Settings;
import dev.ticketing.settings.StoreSettings;
import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The real MariaDB and Redis of a test run, shared by every test of one JVM: the servers named by
 * DATABASE_URL / REDIS_URL when set, else embedded ones started once and stopped at JVM exit. Tests
 * must isolate themselves (their own performance, their own keys), never flush a server.
 */
public final class TestStores {
  private static Map<String, String> environment;

  private TestStores() {}

  /** The environment of a function under test: stores, a per-JVM signing key, short timeouts. */
  public static synchronized Map<String, String> environment() {
    if (environment == null) {
      LocalStores stores = LocalStores.start(System.getenv());
      Runtime.getRuntime().addShutdownHook(new Thread(stores::close, "test-stores-stop"));
      Map<String, String> env = new HashMap<>(stores.environment());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      env.put("TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(key));
      env.putIfAbsent("REDIS_COMMAND_TIMEOUT_MS", "2000");
      env.putIfAbsent("REDIS_CONNECT_TIMEOUT_MS", "2000");
      Settings settings = Settings.from(env);
      Migrations.apply(
          StoreSettings.jdbcUrlWithDefaults(settings.stores().databaseUrl().orElseThrow()),
          settings.stores().databaseUser(),
          settings.stores().databasePassword());
      environment = Map.copyOf(env);
    }
    return environment;
  }

  public static Settings settings() {
    return settings(Map.of());
  }

  public static Settings settings(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(environment());
    env.putAll(overrides);
    return Settings.from(env);
  }

  /** Starts the context of one function (by its environment name) against the test stores. */
  public static ApplicationContext context(String function) {
    return context(function, Map.of());
  }

  /** Reads its secrets from the test environment again after a simulated SnapStart restore. */
  public static ApplicationContext context(String function, Map<String, String> overrides) {
    return FunctionContexts.start(function, () -> settings(overrides));
  }
}
