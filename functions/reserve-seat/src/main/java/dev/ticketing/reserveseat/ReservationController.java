package dev.ticketing.reserveseat;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.AccessGate;
import dev.ticketing.error.ApiException;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.reservation.MadeReservations;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.reservation.SeatRequest;
import dev.ticketing.seats.SeatInfo;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import java.time.Clock;
import java.util.List;

/**
 * Reserves seats for an admitted buyer: {@code {"seatIds": [...]}} → 201 or 409 naming the seats;
 * 410 once the sale has closed. A retry of a reservation that succeeded (same token, same seats;
 * the success ended the session) gets that reservation again with 200, so a buyer whose answer was
 * lost learns that the seats are theirs.
 */
@Controller("/api/performances/{id}/reservations")
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReservationController {
  private final AccessGate gate;
  private final SaleWindows sales;
  private final Reservations reservations;
  private final MadeReservations made;
  private final Clock clock;

  public ReservationController(
      AccessGate gate,
      SaleWindows sales,
      Reservations reservations,
      MadeReservations made,
      Clock clock) {
    this.gate = gate;
    this.sales = sales;
    this.reservations = reservations;
    this.made = made;
    this.clock = clock;
  }

  @Post
  public HttpResponse<Reservation> reserve(String id, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    AccessClaims buyer = gate.verify(request, performanceId);
    if (!gate.sessionActive(buyer)) {
      return HttpResponse.ok(replay(performanceId, buyer, request));
    }
    sales.requireNotEnded(performanceId, clock.instant());
    SeatRequest seats = SeatRequest.of(body(request));
    return HttpResponse.created(reservations.reserve(performanceId, buyer, seats.seatIds()));
  }

  /** The reservation this session made of exactly these seats; else 403 session_ended. */
  private Reservation replay(long performanceId, AccessClaims buyer, HttpRequest<?> request) {
    List<Long> asked;
    try {
      asked = SeatRequest.of(body(request)).seatIds().stream().sorted().toList();
    } catch (ApiException invalidBody) {
      throw AccessGate.sessionEnded();
    }
    return made.by(performanceId, buyer)
        .filter(r -> r.seats().stream().map(SeatInfo::id).toList().equals(asked))
        .orElseThrow(AccessGate::sessionEnded);
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
