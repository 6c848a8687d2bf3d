package dev.ticketing.reserveseat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.testing.ApiEvents;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Calls the reserve-seat handler as API Gateway would, and reads its JSON answers. */
final class ReserveCalls {
  private final ReserveSeatFunction function;
  private final JsonMapper json;

  ReserveCalls(ReserveSeatFunction function, JsonMapper json) {
    this.function = function;
    this.json = json;
  }

  static String path(long performanceId) {
    return "/api/performances/" + performanceId + "/reservations";
  }

  static String body(List<Long> seatIds) {
    return "{\"seatIds\":["
        + seatIds.stream().map(String::valueOf).collect(Collectors.joining(","))
        + "]}";
  }

  APIGatewayProxyResponseEvent reserve(long performanceId, String token, List<Long> seatIds) {
    return call(ApiEvents.post(path(performanceId)).bearer(token).json(body(seatIds)));
  }

  static String holdPath(long performanceId, String reservationId) {
    return path(performanceId) + "/" + reservationId;
  }

  APIGatewayProxyResponseEvent confirm(
      long performanceId, String reservationId, String holdToken, String name, String email) {
    return call(
        ApiEvents.post(holdPath(performanceId, reservationId) + "/confirm")
            .bearer(holdToken)
            .json("{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}"));
  }

  APIGatewayProxyResponseEvent release(long performanceId, String reservationId, String token) {
    return call(ApiEvents.delete(holdPath(performanceId, reservationId)).bearer(token));
  }

  APIGatewayProxyResponseEvent view(long performanceId, String reservationId, String token) {
    return call(ApiEvents.get(holdPath(performanceId, reservationId)).bearer(token));
  }

  APIGatewayProxyResponseEvent call(ApiEvents request) {
    return function.handleRequest(request.build(), null);
  }

  Map<String, Object> body(APIGatewayProxyResponseEvent response) {
    try {
      return json.readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  List<Long> seatIds(Map<String, Object> body) {
    Object ids = body.get("seatIds");
    if (ids == null) {
      return ((List<Map<String, Object>>) body.get("seats"))
          .stream().map(s -> ((Number) s.get("id")).longValue()).toList();
    }
    return ((List<Number>) ids).stream().map(Number::longValue).toList();
  }
}
