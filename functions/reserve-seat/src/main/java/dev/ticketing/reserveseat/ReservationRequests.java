package dev.ticketing.reserveseat;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.AccessGate;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.SalePause;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.reservation.BestAvailableRequest;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationAnswer;
import dev.ticketing.reservation.Reservations;
import dev.ticketing.reservation.SeatRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Holds seats for an admitted buyer, whichever way the request came ({@link ReserveSeatEndpoints}
 * or {@link ReservationController}): {@code {"seatIds": [...]}} → 201 or 409 naming the seats, or
 * best available {@code {"count": N, "grade"?}} → 201 or 409 no_seats_together; 410 once the sale
 * has closed; 503 {@code sale_paused} while an operator has paused it. A retry of a reservation
 * that succeeded (same token, same seats) gets that reservation again with 200, so a buyer whose
 * answer was lost learns that the seats are theirs: after the success ended the session, after the
 * sale closed, and when the function died before it could end the session (docs/api.md).
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class ReservationRequests {
  private final AccessGate gate;
  private final SaleWindows sales;
  private final SalePause pause;
  private final Reservations reservations;
  private final Clock clock;
  private final ReservationMetrics metrics;

  public ReservationRequests(
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

  /** A reservation's answer and its status: 201 when made now, 200 when made before. */
  public record Made(int status, Reservation reservation) {}

  /** The hold asked for by {@code body} (null when missing or not JSON: a 400). */
  public Made reserve(long performanceId, Optional<String> token, JsonNode body) {
    AccessClaims buyer = gate.verify(token, performanceId);
    if (!gate.sessionActive(buyer)) {
      return new Made(200, replay(performanceId, buyer, body, AccessGate::sessionEnded));
    }
    Instant now = clock.instant();
    if (sales.require(performanceId, now).endedAt(now)) {
      return new Made(200, replay(performanceId, buyer, body, SaleWindows::saleEnded));
    }
    if (pause.paused(performanceId)) {
      throw SalePause.salePaused();
    }
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
      throw e;
    }
    if (!answer.created()) {
      return new Made(200, answer.reservation());
    }
    metrics.reserved();
    return new Made(201, answer.reservation());
  }

  /**
   * The reservation this session made of exactly these seats; else {@code refusal} (403 when the
   * session holds other seats).
   */
  private Reservation replay(
      long performanceId, AccessClaims buyer, JsonNode body, Supplier<ApiException> refusal) {
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
}
