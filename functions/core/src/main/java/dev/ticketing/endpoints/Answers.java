package dev.ticketing.endpoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Proxy response events, shaped as Micronaut's proxy shapes them (both header maps). */
public final class Answers {
  private Answers() {}

  public static APIGatewayProxyResponseEvent json(
      int status, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers.size() + 1);
    all.put("Content-Type", "application/json");
    all.putAll(headers);
    return of(status, body, all);
  }

  /** No body (a 204 or 304). */
  public static APIGatewayProxyResponseEvent empty(int status, Map<String, String> headers) {
    return of(status, null, headers);
  }

  private static APIGatewayProxyResponseEvent of(
      int status, String body, Map<String, String> headers) {
    Map<String, List<String>> multi = new HashMap<>(headers.size());
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    APIGatewayProxyResponseEvent event = new APIGatewayProxyResponseEvent();
    event.setStatusCode(status);
    event.setHeaders(headers);
    event.setMultiValueHeaders(multi);
    event.setBody(body);
    event.setIsBase64Encoded(false);
    return event;
  }
}
