package dev.ticketing.reserveseat;

import dev.ticketing.endpoints.Answers;
import dev.ticketing.endpoints.EndpointRequest;
import dev.ticketing.endpoints.Endpoints;
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
 * The seat reservations without Micronaut's HTTP proxy: the hold (seats chosen or best available),
 * and the hold's confirm, release and read, answered as {@link ReservationController} and {@link
 * HoldController} answer them, by the same {@link ReservationRequests} and {@link HoldController}
 * methods.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReserveSeatEndpoints {
  private static final Map<String, String> HOLD_READ_HEADERS =
      Map.of(HttpHeaders.CACHE_CONTROL, HoldController.CACHE_CONTROL);

  private final Endpoints endpoints;

  public ReserveSeatEndpoints(
      JsonMapper json, ReservationRequests reservations, HoldController holds) {
    Endpoints e = new Endpoints(Function.RESERVE_SEAT, json);
    this.endpoints =
        e.withBody(
                "POST",
                Routes.RESERVATIONS,
                r -> {
                  ReservationRequests.Made made =
                      reservations.reserve(performanceId(r), r.bearerToken(), r.body());
                  return e.json(made.status(), made.reservation(), Map.of());
                })
            .withBody(
                "POST",
                Routes.RESERVATION_CONFIRM,
                r ->
                    e.json(
                        200,
                        holds.confirm(
                            performanceId(r), r.pathParameter("rid"), r.bearerToken(), r.body()),
                        Map.of()))
            .on(
                "GET",
                Routes.RESERVATION,
                r ->
                    e.json(
                        200,
                        holds.view(performanceId(r), r.pathParameter("rid"), r.bearerToken()),
                        HOLD_READ_HEADERS))
            .on(
                "DELETE",
                Routes.RESERVATION,
                r -> {
                  holds.release(performanceId(r), r.pathParameter("rid"), r.bearerToken());
                  return Answers.empty(204, Map.of());
                });
  }

  private static long performanceId(EndpointRequest r) {
    return PathIds.performanceId(r.pathParameter("id"));
  }

  public Endpoints endpoints() {
    return endpoints;
  }
}
