package dev.ticketing.listseats;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.testing.ApiEvents;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Calls GET /api/performances/{id}/seats on the list-seats handler and reads the answers. */
final class SeatMapCalls {
  private final ListSeatsFunction function;
  private final JsonMapper json;

  SeatMapCalls(ListSeatsFunction function, JsonMapper json) {
    this.function = function;
    this.json = json;
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
    try {
      return json.readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String header(APIGatewayProxyResponseEvent response, String name) {
    if (response.getHeaders() != null) {
      for (Map.Entry<String, String> h : response.getHeaders().entrySet()) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
    }
    if (response.getMultiValueHeaders() != null) {
      for (Map.Entry<String, List<String>> h : response.getMultiValueHeaders().entrySet()) {
        if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
          return h.getValue().get(0);
        }
      }
    }
    return null;
  }

  static long version(Map<String, Object> body) {
    return ((Number) body.get("version")).longValue();
  }

  /** The statuses a full answer shows, by seat id. */
  @SuppressWarnings("unchecked")
  static Map<Long, String> statuses(Map<String, Object> body) {
    Map<Long, String> statuses = new HashMap<>();
    for (Map<String, Object> seat : (List<Map<String, Object>>) body.get("seats")) {
      statuses.put(((Number) seat.get("id")).longValue(), (String) seat.get("status"));
    }
    return statuses;
  }

  /** The changes of a since answer, by seat id. */
  @SuppressWarnings("unchecked")
  static Map<Long, String> changes(Map<String, Object> body) {
    Map<Long, String> changes = new HashMap<>();
    for (Map<String, Object> seat : (List<Map<String, Object>>) body.get("changes")) {
      changes.put(((Number) seat.get("id")).longValue(), (String) seat.get("status"));
    }
    return changes;
  }
}
