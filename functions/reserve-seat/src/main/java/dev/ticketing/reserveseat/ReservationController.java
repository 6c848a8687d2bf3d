package dev.ticketing.reserveseat;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.AccessGate;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.figures.Figure;
import dev.ticketing.figures.MinuteCounters;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.SalePause;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.reservation.BestAvailableRequest;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationAnswer;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.reservation.SeatRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Holds seats for an admitted buyer: {@code {"seatIds": [...]}} → 201 or 409 naming the seats, or
 * best available {@code {"count": N, "grade"?}} → 201 or 409 no_seats_together; 410 once the sale
 * has closed; 503 {@code sale_paused} while an operator has paused it. A retry of a reservation
 * that succeeded (same token, same seats) gets that reservation again with 200, so a buyer whose
 * answer was lost learns that the seats are theirs: after the success ended the session, after the
 * sale closed, and when the function died before it could end the session (docs/api.md).
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
  private final MinuteCounters figures;

  public ReservationController(
      AccessGate gate,
      SaleWindows sales,
      SalePause pause,
      Reservations reservations,
      Clock clock,
      ReservationMetrics metrics,
      MinuteCounters figures) {
    this.figures = figures;
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
    SalePause.Gate gate = pause.gate(performanceId, now);
    if (gate == SalePause.Gate.CLOSED) {
      return HttpResponse.ok(replay(performanceId, buyer, request, SaleWindows::saleEnded));
    }
    if (gate == SalePause.Gate.PAUSED) {
      throw SalePause.salePaused();
    }
    JsonNode body = body(request);
    ReservationAnswer answer;
    try {
      answer =
          BestAvailableRequest.asks(body)
              ? reservations.holdBest(performanceId, buyer, BestAvailableRequest.of(body))
              : reservations.reserve(performanceId, buyer, SeatRequest.of(body).seatIds());
    } catch (ApiException e) {
      if (e.code() == ErrorCode.SEAT_UNAVAILABLE) {
        metrics.lost();
      }
      if (e.status() == HttpStatus.CONFLICT) {
        figures.add(performanceId, Figure.CONFLICTS, 1);
      }
      throw e;
    }
    if (!answer.created()) {
      return HttpResponse.ok(answer.reservation());
    }
    metrics.reserved();
    figures.add(performanceId, Figure.RESERVATIONS, 1);
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
    JsonNode body = body(request);
    if (BestAvailableRequest.asks(body)) {
      return reservations.sessionsOwnAny(performanceId, buyer).orElseThrow(refusal);
    }
    List<Long> asked;
    try {
      asked = SeatRequest.of(body).seatIds();
    } catch (ApiException invalidBody) {
      throw refusal.get();
    }
    return reservations.sessionsOwn(performanceId, buyer, asked).orElseThrow(refusal);
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
