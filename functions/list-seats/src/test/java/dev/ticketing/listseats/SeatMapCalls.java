package dev.ticketing.listseats;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.ApiResponses;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Calls GET /api/performances/{id}/seats on the list-seats handler and reads the answers. */
final class SeatMapCalls {
  private final ListSeatsFunction function;

  SeatMapCalls(ListSeatsFunction function) {
    this.function = function;
  }

  static String path(long performanceId) {
    return "/api/performances/" + performanceId + "/seats";
  }

  APIGatewayProxyResponseEvent full(long performanceId, String token) {
    return call(ApiEvents.get(path(performanceId)).bearer(token));
  }

  APIGatewayProxyResponseEvent since(long performanceId, String token, long version) {
    return call(
        ApiEvents.get(path(performanceId)).bearer(token).query("since", Long.toString(version)));
  }

  APIGatewayProxyResponseEvent call(ApiEvents request) {
    return function.handleRequest(request.build(), null);
  }

  Map<String, Object> body(APIGatewayProxyResponseEvent response) {
    return ApiResponses.body(response);
  }

  static String header(APIGatewayProxyResponseEvent response, String name) {
    return ApiResponses.header(response, name);
  }

  static long version(Map<String, Object> body) {
    return ((Number) body.get("version")).longValue();
  }

  /** The statuses a full answer shows, by seat id. */
  static Map<Long, String> statuses(Map<String, Object> body) {
    return statusById(body, "seats");
  }

  /** The changes of a since answer, by seat id. */
  static Map<Long, String> changes(Map<String, Object> body) {
    return statusById(body, "changes");
  }

  @SuppressWarnings("unchecked")
  private static Map<Long, String> statusById(Map<String, Object> body, String field) {
    Map<Long, String> statuses = new HashMap<>();
    for (Map<String, Object> seat : (List<Map<String, Object>>) body.get(field)) {
      statuses.put(((Number) seat.get("id")).longValue(), (String) seat.get("status"));
    }
    return statuses;
  }
}
