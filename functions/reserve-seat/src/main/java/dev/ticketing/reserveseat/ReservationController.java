package dev.ticketing.reserveseat;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.AccessGate;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.SalePause;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationAnswer;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.reservation.SeatRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reserves seats for an admitted buyer: {@code {"seatIds": [...]}} → 201 or 409 naming the seats;
 * 410 once the sale has closed; 503 {@code sale_paused} while an operator has paused it. A retry of
 * a reservation that succeeded (same token, same seats) gets that reservation again with 200, so a
 * buyer whose answer was lost learns that the seats are theirs: after the success ended the
 * session, after the sale closed, and when the function died before it could end the session
 * (docs/api.md).
 */
@Controller("/api/performances/{id}/reservations")
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReservationController {
  private final AccessGate gate;
  private final SaleWindows sales;
  private final SalePause pause;
  private final Reservations reservations;
  private final Clock clock;
  private final ReservationMetrics metrics;

  public ReservationController(
      AccessGate gate,
      SaleWindows sales,
      SalePause pause,
      Reservations reservations,
      Clock clock,
      ReservationMetrics metrics) {
    this.gate = gate;
    this.pause = pause;
    this.sales = sales;
    this.reservations = reservations;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Post
  public HttpResponse<Reservation> reserve(String id, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    AccessClaims buyer = gate.verify(request, performanceId);
    if (!gate.sessionActive(buyer)) {
      return HttpResponse.ok(replay(performanceId, buyer, request, AccessGate::sessionEnded));
    }
    Instant now = clock.instant();
    if (sales.require(performanceId, now).endedAt(now)) {
      return HttpResponse.ok(replay(performanceId, buyer, request, SaleWindows::saleEnded));
    }
    if (pause.paused(performanceId)) {
      throw SalePause.salePaused();
    }
    SeatRequest seats = SeatRequest.of(body(request));
    ReservationAnswer answer;
    try {
      answer = reservations.reserve(performanceId, buyer, seats.seatIds());
    } catch (ApiException e) {
      if (e.code() == ErrorCode.SEAT_UNAVAILABLE) {
        metrics.lost();
      }
      throw e;
    }
    if (!answer.created()) {
      return HttpResponse.ok(answer.reservation());
    }
    metrics.reserved();
    return HttpResponse.created(answer.reservation());
  }

  /**
   * The reservation this session made of exactly these seats; else {@code refusal} (403 when the
   * session holds other seats).
   */
  private Reservation replay(
      long performanceId,
      AccessClaims buyer,
      HttpRequest<?> request,
      Supplier<ApiException> refusal) {
    List<Long> asked;
    try {
      asked = SeatRequest.of(body(request)).seatIds();
    } catch (ApiException invalidBody) {
      throw refusal.get();
    }
    return reservations.sessionsOwn(performanceId, buyer, asked).orElseThrow(refusal);
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
