package dev.ticketing.function;

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
    return start(environment, Settings.from(env));
  }
}
