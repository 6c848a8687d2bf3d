package dev.ticketing.function;

import dev.ticketing.config.InvalidSettingException;
import dev.ticketing.config.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.MapPropertySource;
import java.util.HashMap;
import java.util.Map;

/** Builds the application context of one function from validated settings. */
public final class FunctionContexts {
  private FunctionContexts() {}

  public static ApplicationContextBuilder builder(String environment, Settings settings) {
    return ApplicationContext.builder()
        .environments(environment)
        .deduceEnvironment(false)
        .deduceCloudEnvironment(false)
        .banner(false)
        .propertySources(new MapPropertySource("settings", settings.micronautProperties()))
        .singletons(settings);
  }

  public static ApplicationContext start(String environment, Settings settings) {
    return builder(environment, settings).start();
  }

  /** The context a deployed Lambda starts with: its environment variables plus named secrets. */
  public static ApplicationContext startFromEnvironment(String environment) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(SecretResolver.resolve(Settings.from(env)));
    Settings settings = Settings.from(env);
    requireDeployedStores(settings);
    return start(environment, settings);
  }

  /** A deployed function has no embedded fallback: its stores and key must be configured. */
  static void requireDeployedStores(Settings settings) {
    if (settings.databaseUrl().isEmpty()) {
      throw new InvalidSettingException("DATABASE_URL", "is required");
    }
    if (settings.redisUrl().isEmpty()) {
      throw new InvalidSettingException("REDIS_URL", "is required");
    }
    if (settings.tokenSigningKey().isEmpty()) {
      throw new InvalidSettingException(
          "TOKEN_SIGNING_KEY", "is required (or TOKEN_SIGNING_KEY_SECRET_ARN)");
    }
  }
}
