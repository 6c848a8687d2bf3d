package dev.ticketing.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionContextsTest {
  private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static String missing(Map<String, String> env) {
    return assertThrows(
            InvalidSettingException.class,
            () -> FunctionContexts.requireDeployedStores(Settings.from(env)))
        .variable();
  }

  @Test
  void aDeployedFunctionRefusesToStartWithoutItsStoresOrKey() {
    assertEquals("DATABASE_URL", missing(Map.of()));
    assertEquals("REDIS_URL", missing(Map.of("DATABASE_URL", "jdbc:mysql://db/t")));
    assertEquals(
        "TOKEN_SIGNING_KEY",
        missing(Map.of("DATABASE_URL", "jdbc:mysql://db/t", "REDIS_URL", "redis://r:6379")));
    FunctionContexts.requireDeployedStores(
        Settings.from(
            Map.of(
                "DATABASE_URL", "jdbc:mysql://db/t",
                "REDIS_URL", "redis://r:6379",
                "TOKEN_SIGNING_KEY", KEY)));
  }
}
