package dev.ticketing.pollposition;

import dev.ticketing.endpoints.Endpoints;
import dev.ticketing.figures.ServerErrorFigures;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.routes.Function;
import dev.ticketing.routes.Routes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The waiting room's hot routes without Micronaut's HTTP proxy: the poll and the public queue
 * state, answered as {@link PositionController} and {@link QueueStateController} answer them.
 */
@Singleton
@Requires(env = FunctionEnvironments.POLL_POSITION)
public class PollPositionEndpoints {
  private static final Map<String, String> POLL_HEADERS =
      Map.of(HttpHeaders.CACHE_CONTROL, Positions.CACHE_CONTROL);
  private static final Map<String, String> STATE_HEADERS =
      Map.of(HttpHeaders.CACHE_CONTROL, QueueStateController.CACHE_CONTROL);

  private final Endpoints endpoints;

  public PollPositionEndpoints(
      JsonMapper json,
      ServerErrorFigures figures,
      Positions positions,
      QueueStateController states) {
    Endpoints e = new Endpoints(Function.POLL_POSITION, json, figures);
    this.endpoints =
        e.on(
                "GET",
                Routes.QUEUE,
                r ->
                    e.json(
                        200,
                        positions.poll(
                            PathIds.performanceId(r.pathParameter("id")), r.bearerToken()),
                        POLL_HEADERS))
            .on(
                "GET",
                Routes.QUEUE_STATE,
                r ->
                    e.json(
                        200,
                        states.read(PathIds.performanceId(r.pathParameter("id"))),
                        STATE_HEADERS));
  }

  public Endpoints endpoints() {
    return endpoints;
  }
}
