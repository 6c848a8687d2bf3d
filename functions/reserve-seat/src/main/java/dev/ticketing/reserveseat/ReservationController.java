package dev.ticketing.reserveseat;

import dev.ticketing.auth.BearerTokens;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.reservation.Reservation;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;

/**
 * {@code POST /api/performances/{id}/reservations} through Micronaut: {@link ReserveSeatEndpoints}
 * answers the route itself; this controller answers what it hands on (a trailing slash, a body
 * Micronaut's guard judges) with the same {@link ReservationRequests}, and keeps the route known to
 * Micronaut's router (a 405 for another method).
 */
@Controller("/api/performances/{id}/reservations")
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReservationController {
  private final ReservationRequests requests;

  public ReservationController(ReservationRequests requests) {
    this.requests = requests;
  }

  @Post
  public HttpResponse<Reservation> reserve(String id, HttpRequest<?> request) {
    ReservationRequests.Made made =
        requests.reserve(PathIds.performanceId(id), BearerTokens.from(request), body(request));
    return HttpResponse.<Reservation>status(HttpStatus.valueOf(made.status()))
        .body(made.reservation());
  }

  /** The JSON body, or null when it is missing or not JSON (the request then gets a 400). */
  static JsonNode body(HttpRequest<?> request) {
    try {
      return request.getBody(JsonNode.class).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
