package dev.ticketing.reserveseat;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.AccessGate;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.reservation.SeatRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;

/**
 * Reserves seats for an admitted buyer: {@code {"seatIds": [...]}} → 201 or 409 naming the seats.
 */
@Controller("/api/performances/{id}/reservations")
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReservationController {
  private final AccessGate gate;
  private final Reservations reservations;

  public ReservationController(AccessGate gate, Reservations reservations) {
    this.gate = gate;
    this.reservations = reservations;
  }

  @Post
  public HttpResponse<Reservation> reserve(String id, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    AccessClaims buyer = gate.admit(request, performanceId);
    SeatRequest seats = SeatRequest.of(body(request));
    return HttpResponse.created(reservations.reserve(performanceId, buyer, seats.seatIds()));
  }

  /** The JSON body, or null when it is missing or not JSON (the request then gets a 400). */
  private static JsonNode body(HttpRequest<?> request) {
    try {
      return request.getBody(JsonNode.class).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
