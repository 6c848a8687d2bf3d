package dev.ticketing.admin;

import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.function.SecretResolver;
import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The stores an admin command works on, opened per command from the environment (and the secrets it
 * names, read at that moment, so a rotated password is never stale) and closed after it.
 */
final class AdminStores {
  private final Map<String, String> env;
  private final PrintStream out;

  AdminStores(Map<String, String> env, PrintStream out) {
    this.env = Map.copyOf(env);
    this.out = out;
  }

  PrintStream out() {
    return out;
  }

  Settings settings() {
    Map<String, String> resolved = new HashMap<>(env);
    resolved.putAll(SecretResolver.resolve(Settings.from(resolved)));
    Settings settings = Settings.from(resolved);
    if (settings.stores().databaseUrl().isEmpty()) {
      throw new InvalidSettingException(
          "DATABASE_URL", "is required (jdbc:mysql://host:3306/db, the database to work on)");
    }
    return settings;
  }

  interface Action<T> {
    T apply(ApplicationContext ctx) throws IOException;
  }

  <T> T with(Action<T> action) throws IOException {
    return with(settings(), action);
  }

  /** With settings already read (and their secrets resolved) by the caller. */
  <T> T with(Settings settings, Action<T> action) throws IOException {
    try (ApplicationContext ctx = FunctionContexts.start(FunctionEnvironments.ADMIN, settings)) {
      return action.apply(ctx);
    }
  }
}
