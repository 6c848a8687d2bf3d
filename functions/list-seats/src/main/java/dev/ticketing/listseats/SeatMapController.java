package dev.ticketing.listseats;

import dev.ticketing.auth.AccessGate;
import dev.ticketing.auth.BearerTokens;
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
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The live seat map of a performance, for admitted buyers: the whole map (ETag = its version,
 * If-None-Match → 304) or, with {@code ?since=<version>}, only the seats changed since then.
 */
@Controller("/api/performances/{id}/seats")
@Requires(env = FunctionEnvironments.LIST_SEATS)
public class SeatMapController {
  private static final String CACHE_CONTROL = "private, no-cache";

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
    SeatMapView view =
        read(PathIds.performanceId(id), BearerTokens.from(request), since, ifNoneMatch);
    MutableHttpResponse<?> response;
    if (view instanceof SeatMapView.NotModified) {
      response = HttpResponse.notModified();
    } else if (view instanceof SeatMapView.Serialized shared) {
      response =
          HttpResponse.ok(shared.json().getBytes(StandardCharsets.UTF_8))
              .contentType(MediaType.APPLICATION_JSON_TYPE);
    } else {
      response = HttpResponse.ok(view);
    }
    headers(view).forEach(response::header);
    return response;
  }

  /**
   * The map a buyer asks for: the changes {@code since} a version, else the whole map (shared by
   * every reader of its version) or not-modified when {@code ifNoneMatch} names the current one.
   */
  SeatMapView read(long performanceId, Optional<String> token, String since, String ifNoneMatch) {
    gate.admit(token, performanceId);
    return since != null
        ? map.since(performanceId, version(since))
        : map.fullShared(performanceId, EntityTags.version(ifNoneMatch));
  }

  /** The headers of every answer: its version as the ETag; never reused without asking. */
  static Map<String, String> headers(SeatMapView view) {
    return Map.of(
        HttpHeaders.ETAG, EntityTags.of(view.version()), HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
  }

  private static long version(String since) {
    if (since.isEmpty() || since.length() > 18 || !since.chars().allMatch(Character::isDigit)) {
      throw ApiException.badRequest(
          ErrorCode.INVALID_SINCE, "since must be a seat map version (a whole number ≥ 0).");
    }
    return Long.parseLong(since);
  }
}
