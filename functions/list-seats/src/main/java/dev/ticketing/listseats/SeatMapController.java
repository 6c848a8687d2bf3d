package dev.ticketing.listseats;

import dev.ticketing.auth.AccessGate;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.seats.LiveSeatMap;
import dev.ticketing.seats.SeatMapView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;

/**
 * The live seat map of a performance, for admitted buyers: the whole map (ETag = its version,
 * If-None-Match → 304) or, with {@code ?since=<version>}, only the seats changed since then.
 */
@Controller("/api/performances/{id}/seats")
@Requires(env = FunctionEnvironments.LIST_SEATS)
public class SeatMapController {
  private final AccessGate gate;
  private final LiveSeatMap map;

  public SeatMapController(AccessGate gate, LiveSeatMap map) {
    this.gate = gate;
    this.map = map;
  }

  @Get
  public HttpResponse<?> seats(
      String id,
      HttpRequest<?> request,
      @Nullable @QueryValue String since,
      @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    long performanceId = PathIds.performanceId(id);
    gate.admit(request, performanceId);
    SeatMapView view =
        since != null
            ? map.since(performanceId, version(since))
            : map.full(performanceId, EntityTags.version(ifNoneMatch));
    MutableHttpResponse<?> response =
        view instanceof SeatMapView.NotModified
            ? HttpResponse.notModified()
            : HttpResponse.ok(view);
    return response
        .header(HttpHeaders.ETAG, EntityTags.of(view.version()))
        .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
  }

  private static long version(String since) {
    if (since.isEmpty() || since.length() > 18 || !since.chars().allMatch(Character::isDigit)) {
      throw ApiException.badRequest(
          ErrorCode.INVALID_SINCE, "since must be a seat map version (a whole number ≥ 0).");
    }
    return Long.parseLong(since);
  }
}
