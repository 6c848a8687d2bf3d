package dev.ticketing.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.settings.LockStrategy;
import dev.ticketing.settings.Settings;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentSettingsTest {
  private static DeploymentSettings from(Map<String, String> context) {
    return DeploymentSettings.from(key -> Optional.ofNullable(context.get(key)));
  }

  @Test
  void anUnknownLockStrategyFailsSynthWithAMessageListingTheValidOnes() throws Exception {
    var app =
        TicketingApp.newApp(
            Map.of("lockStrategy", "spinlock"), Files.createTempDirectory("cdk-bad").toString());
    var e =
        assertThrows(
            DeploymentSettings.InvalidContextException.class, () -> TicketingApp.stack(app));
    assertTrue(e.getMessage().contains("lockStrategy=spinlock"), e.getMessage());
    for (LockStrategy valid : LockStrategy.values()) {
      assertTrue(e.getMessage().contains(valid.id()), e.getMessage());
    }
  }

  @Test
  void everyLockStrategyOfTheFunctionsIsAccepted() {
    for (LockStrategy strategy : LockStrategy.values()) {
      assertEquals(strategy.id(), from(Map.of("lockStrategy", strategy.id())).lockStrategy());
    }
  }

  @Test
  void defaultsAreTheFunctionsDefaults() {
    DeploymentSettings d = from(Map.of());
    Settings functions = Settings.from(Map.of());
    assertEquals(functions.seats().lockStrategy().id(), d.lockStrategy());
    assertEquals(
        Integer.toString(functions.queue().capacity()), d.functionTunables().get("QUEUE_CAPACITY"));
    assertEquals(functions.queue().advanceIntervalSeconds(), d.advanceIntervalSeconds());
    assertEquals("250", d.functionTunables().get("REDIS_COMMAND_TIMEOUT_MS"));
    assertEquals("100", d.functionTunables().get("REDIS_CONNECT_TIMEOUT_MS"));
    assertTrue(d.deletionProtection());
    assertEquals(Optional.empty(), d.alarmEmail());
  }

  @Test
  void anOutOfRangeTunableFailsNamingTheContextKeyAndTheVariable() {
    var e =
        assertThrows(
            DeploymentSettings.InvalidContextException.class,
            () -> from(Map.of("sessionTtlSeconds", "1")));
    assertTrue(e.getMessage().contains("-c sessionTtlSeconds=1"), e.getMessage());
    assertTrue(e.getMessage().contains("SESSION_TTL_SECONDS"), e.getMessage());
  }

  @Test
  void infrastructureChoicesAreValidatedToo() {
    assertThrows(
        DeploymentSettings.InvalidContextException.class,
        () -> from(Map.of("deletionProtection", "maybe")));
    assertThrows(
        DeploymentSettings.InvalidContextException.class,
        () -> from(Map.of("apiRateLimit", "lots")));
    assertThrows(
        DeploymentSettings.InvalidContextException.class,
        () -> from(Map.of("cacheNodeType", "t4g.medium")));
    assertThrows(
        DeploymentSettings.InvalidContextException.class, () -> from(Map.of("alarmEmail", "ops")));
    assertEquals(false, from(Map.of("deletionProtection", "FALSE")).deletionProtection());
    assertEquals(
        "cache.r7g.large", from(Map.of("cacheNodeType", "cache.r7g.large")).cacheNodeType());
  }

  @Test
  void seatLockTunablesArePassedOnlyWhenSet() {
    assertTrue(!from(Map.of()).reserveSeatTunables().containsKey("SEAT_LOCK_WAIT_MS"));
    DeploymentSettings set = from(Map.of("seatLockWaitMs", "500"));
    assertEquals("500", set.reserveSeatTunables().get("SEAT_LOCK_WAIT_MS"));
    assertTrue(!set.functionTunables().containsKey("SEAT_LOCK_WAIT_MS"), "reserve-seat's only");
  }

  @Test
  void theStageNamesTheStackAndMustBeShortLowerCase() {
    assertEquals("Ticketing-prod", from(Map.of()).stackName());
    assertEquals("Ticketing-staging", from(Map.of("stage", "staging")).stackName());
    assertThrows(
        DeploymentSettings.InvalidContextException.class, () -> from(Map.of("stage", "Prod")));
    assertThrows(
        DeploymentSettings.InvalidContextException.class,
        () -> from(Map.of("stage", "averyveryverylongstage")));
  }

  @Test
  void theCadenceAndTheJoinLimitArePassedOnlyWhenSetAndChecked() {
    assertTrue(!from(Map.of()).functionTunables().containsKey("JOIN_LIMIT_PER_ADDRESS"));
    assertEquals(
        "0",
        from(Map.of("joinLimitPerAddress", "0")).functionTunables().get("JOIN_LIMIT_PER_ADDRESS"));
    assertEquals(
        "600",
        from(Map.of("pollAfterMaxSeconds", "600"))
            .functionTunables()
            .get("POLL_AFTER_MAX_SECONDS"));
    DeploymentSettings.InvalidContextException e =
        assertThrows(
            DeploymentSettings.InvalidContextException.class,
            () -> from(Map.of("pollAfterMinSeconds", "30", "pollAfterMaxSeconds", "10")));
    assertTrue(e.getMessage().contains("pollAfterMaxSeconds"), e.getMessage());
  }
}
