package dev.ticketing.settings;

import java.util.Map;
import java.util.Optional;

/** Reads environment variables one at a time and names the variable in every complaint. */
public record EnvReader(Map<String, String> env) {

  public Optional<String> optional(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String name, String fallback) {
    String value = env.get(name);
    return value == null ? fallback : value;
  }

  public int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(name, "must be a whole number (got '" + raw.get() + "')");
    }
    if (value < min || value > max) {
      throw new InvalidSettingException(
          name, "must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }
}
