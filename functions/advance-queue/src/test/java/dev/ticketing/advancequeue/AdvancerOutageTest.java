package dev.ticketing.advancequeue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.TickResult;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A tick that cannot reach MySQL (here: its pool's only connection taken, so none comes within the
 * pool's timeout) skips and returns: on AWS one invocation ticks a whole minute, and an exception
 * would lose the minute's remaining ticks, so a blip of the database would stop the queue for up to
 * a minute.
 */
class AdvancerOutageTest {

  @Test
  void aTickWithTheDatabaseOutOfReachSkipsInsteadOfFailingTheInvocation() throws Exception {
    try (ApplicationContext ctx =
        TestStores.context(FunctionEnvironments.ADVANCE_QUEUE, Map.of("DATABASE_POOL_SIZE", "1"))) {
      DataSource pool = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
      List<TickResult> skipped;
      try (Connection taken = pool.getConnection()) {
        skipped = ctx.getBean(AdvanceQueueJob.class).tick();
      }

      assertEquals(List.of(), skipped);
    }
  }
}
