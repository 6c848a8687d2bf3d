package dev.ticketing.listseats;

import dev.ticketing.endpoints.Answers;
import dev.ticketing.endpoints.Endpoints;
import dev.ticketing.figures.ServerErrorFigures;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.routes.Function;
import dev.ticketing.routes.Routes;
import dev.ticketing.seats.SeatMapView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/**
 * The seat map without Micronaut's HTTP proxy, answered as {@link SeatMapController} answers it;
 * the whole map goes out as the body shared by every reader of its version.
 */
@Singleton
@Requires(env = FunctionEnvironments.LIST_SEATS)
public class ListSeatsEndpoints {
  private final Endpoints endpoints;

  public ListSeatsEndpoints(JsonMapper json, ServerErrorFigures figures, SeatMapController seats) {
    Endpoints e = new Endpoints(Function.LIST_SEATS, json, figures);
    this.endpoints =
        e.on(
            "GET",
            Routes.SEATS,
            r -> {
              SeatMapView view =
                  seats.read(
                      PathIds.performanceId(r.pathParameter("id")),
                      r.bearerToken(),
                      r.query("since"),
                      r.header(HttpHeaders.IF_NONE_MATCH).orElse(null));
              if (view instanceof SeatMapView.NotModified) {
                return Answers.empty(304, SeatMapController.headers(view));
              }
              if (view instanceof SeatMapView.Serialized shared) {
                return Answers.json(200, shared.json(), SeatMapController.headers(view));
              }
              return e.json(200, view, SeatMapController.headers(view));
            });
  }

  public Endpoints endpoints() {
    return endpoints;
  }
}
