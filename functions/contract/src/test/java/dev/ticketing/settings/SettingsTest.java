package dev.ticketing.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void unsetVariablesTakeTheDocumentedDefaults() {
    Settings s = Settings.from(Map.of());
    assertEquals(100, s.queue().capacity());
    assertEquals(120, s.queue().retentionSeconds());
    assertEquals(60, s.queue().claimWindowSeconds());
    assertEquals(300, s.queue().sessionTtlSeconds());
    assertEquals(5, s.queue().advanceIntervalSeconds());
    assertEquals(2, s.queue().pollAfterMinSeconds());
    assertEquals(120, s.queue().pollAfterMaxSeconds());
    assertEquals(2_000, s.queue().pollBudgetPerSecond());
    assertEquals(30, s.queue().joinLimitPerAddress());
    assertEquals(10, s.queue().joinLimitWindowSeconds());
    assertTrue(s.queue().clientAddressHeader().isEmpty());
    assertEquals(4, s.seats().maxSeatsPerHolder());
    assertEquals(LockStrategy.ATOMIC, s.seats().lockStrategy());
    assertTrue(s.stores().databaseUrl().isEmpty());
    assertTrue(s.stores().redisUrl().isEmpty());
  }

  @Test
  void aNonNumericValueStopsStartWithTheVariableNamed() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class, () -> Settings.from(Map.of("QUEUE_CAPACITY", "lots")));
    assertEquals("QUEUE_CAPACITY", e.variable());
    assertTrue(e.getMessage().contains("lots"));
  }

  @Test
  void aValueOutOfRangeIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> Settings.from(Map.of("MAX_SEATS_PER_HOLDER", "9")));
    assertEquals("MAX_SEATS_PER_HOLDER", e.variable());
  }

  @Test
  void theCadencesBoundsMustBeInOrderAndTheAddressHeaderAHeaderName() {
    assertEquals(
        "POLL_AFTER_MAX_SECONDS",
        assertThrows(
                InvalidSettingException.class,
                () ->
                    Settings.from(
                        Map.of("POLL_AFTER_MIN_SECONDS", "10", "POLL_AFTER_MAX_SECONDS", "5")))
            .variable());
    assertEquals(
        "CLIENT_ADDRESS_HEADER",
        assertThrows(
                InvalidSettingException.class,
                () -> Settings.from(Map.of("CLIENT_ADDRESS_HEADER", "x viewer: ip")))
            .variable());
    assertEquals(
        0, Settings.from(Map.of("JOIN_LIMIT_PER_ADDRESS", "0")).queue().joinLimitPerAddress());
  }

  @Test
  void anUnknownLockStrategyListsTheValidOnes() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class, () -> Settings.from(Map.of("LOCK_STRATEGY", "magic")));
    for (LockStrategy valid : LockStrategy.values()) {
      assertTrue(e.getMessage().contains(valid.id()), e.getMessage());
    }
  }

  @Test
  void lockStrategyIsCaseInsensitive() {
    assertEquals(
        LockStrategy.REDIS_SPIN,
        Settings.from(Map.of("LOCK_STRATEGY", "Redis-Spin")).seats().lockStrategy());
  }

  @Test
  void aSigningKeyShorterThan256BitsIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> Settings.from(Map.of("TOKEN_SIGNING_KEY", "c2hvcnQ=")));
    assertEquals("TOKEN_SIGNING_KEY", e.variable());
  }

  @Test
  void databaseAndRedisUrlsMustHaveTheirSchemes() {
    assertEquals(
        "DATABASE_URL",
        assertThrows(
                InvalidSettingException.class,
                () -> Settings.from(Map.of("DATABASE_URL", "postgres://x/y")))
            .variable());
    assertEquals(
        "REDIS_URL",
        assertThrows(
                InvalidSettingException.class,
                () -> Settings.from(Map.of("REDIS_URL", "http://localhost:6379")))
            .variable());
  }

  @Test
  void jdbcUrlGetsUtcAndProxyFriendlyOptionsUnlessTheOperatorSetThem() {
    String url =
        StoreSettings.jdbcUrlWithDefaults("jdbc:mysql://db:3306/t?useServerPrepStmts=true");
    assertTrue(url.contains("connectionTimeZone=UTC"));
    assertTrue(url.contains("useServerPrepStmts=true"));
    assertTrue(!url.contains("useServerPrepStmts=false"));
  }
}
