package dev.ticketing.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestStores;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrateDatabaseFunctionTest {

  @Test
  void migratingAnUpToDateDatabaseAppliesNothingAndReportsTheVersion() {
    try (MigrateDatabaseFunction function =
        new MigrateDatabaseFunction(TestStores.context(FunctionEnvironments.ADMIN))) {
      MigrationReport report = function.handleRequest(Map.of(), null);
      assertEquals(0, report.migrationsExecuted());
      assertNotNull(report.schemaVersion());
    }
  }
}
