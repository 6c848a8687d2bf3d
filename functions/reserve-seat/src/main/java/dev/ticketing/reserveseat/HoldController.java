package dev.ticketing.reserveseat;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.reservation.BuyerDetails;
import dev.ticketing.reservation.HoldTokens;
import dev.ticketing.reservation.Holds;
import dev.ticketing.reservation.Reservation;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;

/**
 * A hold, with the hold token its answer carried: confirm it ({@code {"name", "email"}} → the
 * tickets), release it, or read it (docs/api.md).
 */
@Controller("/api/performances/{id}/reservations/{rid}")
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class HoldController {
  private final HoldTokens tokens;
  private final Holds holds;

  public HoldController(HoldTokens tokens, Holds holds) {
    this.tokens = tokens;
    this.holds = holds;
  }

  @Get
  public HttpResponse<Reservation> view(String id, String rid, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    tokens.require(request, performanceId, rid);
    return HttpResponse.ok(holds.view(performanceId, rid)).header("Cache-Control", "no-store");
  }

  @Post("/confirm")
  public HttpResponse<Reservation> confirm(String id, String rid, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    tokens.require(request, performanceId, rid);
    BuyerDetails buyer = BuyerDetails.of(ReservationController.body(request));
    return HttpResponse.ok(holds.confirm(performanceId, rid, buyer));
  }

  @Delete
  public HttpResponse<Void> release(String id, String rid, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    tokens.require(request, performanceId, rid);
    holds.release(performanceId, rid);
    return HttpResponse.noContent();
  }
}
