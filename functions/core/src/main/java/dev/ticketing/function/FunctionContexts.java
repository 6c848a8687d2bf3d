package dev.ticketing.function;

import dev.ticketing.config.Secrets;
import dev.ticketing.db.DataSourceProperties;
import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.MapPropertySource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the application context of one function from validated settings. */
public final class FunctionContexts {
  private FunctionContexts() {}

  /** A context whose secrets are the ones of {@code settings}, never re-read. */
  public static ApplicationContextBuilder builder(String environment, Settings settings) {
    return builder(environment, () -> settings, settings);
  }

  /**
   * A context whose secrets can be read again after a SnapStart restore: {@code source} reads the
   * settings with their secrets. The context holds {@link Settings#withoutSecrets()}; the values
   * live only in its {@link Secrets} bean.
   */
  public static ApplicationContextBuilder builder(String environment, Supplier<Settings> source) {
    return builder(environment, source, source.get());
  }

  private static ApplicationContextBuilder builder(
      String environment, Supplier<Settings> source, Settings loaded) {
    Settings settings = loaded.withoutSecrets();
    return ApplicationContext.builder()
        .environments(environment)
        .deduceEnvironment(false)
        .deduceCloudEnvironment(false)
        .banner(false)
        .propertySources(new MapPropertySource("settings", DataSourceProperties.of(settings)))
        .singletons(settings, new Secrets(source, loaded));
  }

  public static ApplicationContext start(String environment, Settings settings) {
    return builder(environment, settings).start();
  }

  public static ApplicationContext start(String environment, Supplier<Settings> source) {
    return builder(environment, source).start();
  }

  /**
   * The context a deployed Lambda starts with: its environment variables plus named secrets, read
   * again from both after a SnapStart restore.
   */
  public static ApplicationContext startFromEnvironment(String environment) {
    Settings settings = fromEnvironment();
    requireDeployedStores(settings);
    return builder(environment, FunctionContexts::fromEnvironment, settings).start();
  }

  private static Settings fromEnvironment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(SecretResolver.resolve(Settings.from(env)));
    return Settings.from(env);
  }

  /** A deployed function has no embedded fallback: its stores and key must be configured. */
  static void requireDeployedStores(Settings settings) {
    if (settings.stores().databaseUrl().isEmpty()) {
      throw new InvalidSettingException("DATABASE_URL", "is required");
    }
    if (settings.stores().redisUrl().isEmpty()) {
      throw new InvalidSettingException("REDIS_URL", "is required");
    }
    if (settings.stores().tokenSigningKey().isEmpty()) {
      throw new InvalidSettingException(
          "TOKEN_SIGNING_KEY", "is required (or TOKEN_SIGNING_KEY_SECRET_ARN)");
    }
  }
}
