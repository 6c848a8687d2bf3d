package dev.ticketing.reserveseat;

import dev.ticketing.auth.BearerTokens;
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
import io.micronaut.json.tree.JsonNode;
import java.util.Optional;

/**
 * A hold, with the hold token its answer carried: confirm it ({@code {"name", "email"}} → the
 * tickets), release it, or read it (docs/api.md). {@link ReserveSeatEndpoints} answers these routes
 * with the methods taking the token; Micronaut's routes answer what it hands on.
 */
@Controller("/api/performances/{id}/reservations/{rid}")
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class HoldController {
  /** A hold's answer is its holder's alone. */
  static final String CACHE_CONTROL = "no-store";

  private final HoldTokens tokens;
  private final Holds holds;

  public HoldController(HoldTokens tokens, Holds holds) {
    this.tokens = tokens;
    this.holds = holds;
  }

  @Get
  public HttpResponse<Reservation> view(String id, String rid, HttpRequest<?> request) {
    return HttpResponse.ok(view(PathIds.performanceId(id), rid, BearerTokens.from(request)))
        .header("Cache-Control", CACHE_CONTROL);
  }

  @Post("/confirm")
  public HttpResponse<Reservation> confirm(String id, String rid, HttpRequest<?> request) {
    return HttpResponse.ok(
        confirm(
            PathIds.performanceId(id),
            rid,
            BearerTokens.from(request),
            ReservationController.body(request)));
  }

  @Delete
  public HttpResponse<Void> release(String id, String rid, HttpRequest<?> request) {
    release(PathIds.performanceId(id), rid, BearerTokens.from(request));
    return HttpResponse.noContent();
  }

  public Reservation view(long performanceId, String rid, Optional<String> token) {
    tokens.require(token, performanceId, rid);
    return holds.view(performanceId, rid);
  }

  /** The buyer's details in {@code body} (null when missing or not JSON: a 400). */
  public Reservation confirm(
      long performanceId, String rid, Optional<String> token, JsonNode body) {
    tokens.require(token, performanceId, rid);
    return holds.confirm(performanceId, rid, BuyerDetails.of(body));
  }

  public void release(long performanceId, String rid, Optional<String> token) {
    tokens.require(token, performanceId, rid);
    holds.release(performanceId, rid);
  }
}
