package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.annotation.Controller;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every function's jar is on this module's classpath, as in the gateway; each function's context
 * must still hold only its own controllers, as the deployed Lambda does.
 */
class FunctionIsolationTest {
  private static final Map<String, String> PACKAGES =
      Map.of(
          FunctionEnvironments.ISSUE_TICKET, "dev.ticketing.issueticket",
          FunctionEnvironments.POLL_POSITION, "dev.ticketing.pollposition",
          FunctionEnvironments.LIST_SEATS, "dev.ticketing.listseats",
          FunctionEnvironments.RESERVE_SEAT, "dev.ticketing.reserveseat",
          FunctionEnvironments.ADVANCE_QUEUE, "dev.ticketing.advancequeue",
          FunctionEnvironments.ADMIN, "dev.ticketing.admin");

  @ParameterizedTest
  @ValueSource(
      strings = {
        FunctionEnvironments.ISSUE_TICKET,
        FunctionEnvironments.POLL_POSITION,
        FunctionEnvironments.LIST_SEATS,
        FunctionEnvironments.RESERVE_SEAT,
        FunctionEnvironments.ADVANCE_QUEUE,
        FunctionEnvironments.ADMIN
      })
  void aFunctionStartsOnlyItsOwnControllers(String function) {
    try (ApplicationContext ctx = TestStores.context(function)) {
      for (BeanDefinition<?> controller :
          ctx.getBeanDefinitions(Qualifiers.byStereotype(Controller.class))) {
        String pkg = controller.getBeanType().getPackageName();
        assertTrue(
            pkg.startsWith(PACKAGES.get(function)),
            function + " must not start " + controller.getBeanType().getName());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {FunctionEnvironments.ISSUE_TICKET, FunctionEnvironments.RESERVE_SEAT})
  void theCatalogBelongsToListSeatsAlone(String function) {
    try (ApplicationContext ctx = TestStores.context(function)) {
      assertFalse(
          ctx.containsBean(dev.ticketing.listseats.CatalogController.class),
          function + " started the catalog controller");
    }
  }
}
