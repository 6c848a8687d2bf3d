package dev.ticketing.listseats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.HandlerPriming;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The snapshot priming goes through the ListSeatsFunction handler, answered 4xx, and writes
 * nothing.
 */
class SnapshotPrimingTest {
  @Test
  void primingAsksTheHandlerForAPerformanceThatDoesNotExistAndWritesNothing() {
    try (ApplicationContext ctx = TestStores.context(FunctionEnvironments.LIST_SEATS)) {
      ListSeatsFunction function = new ListSeatsFunction(ctx);
      TestPerformances.create(ctx, 1, 2); // stores that hold something, to be left unchanged

      Map<String, Integer> statuses = HandlerPriming.primeWritingNothing(ctx, function);

      assertEquals(
          Map.of(
              "GET /api/performances/999999999999999999/seats",
              401,
              "GET /api/performances/999999999999999999/priming",
              404),
          statuses);
    }
  }
}
