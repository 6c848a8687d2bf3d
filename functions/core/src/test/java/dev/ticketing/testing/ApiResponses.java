package dev.ticketing.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads what a function's Lambda handler answered: JSON body, headers, the error contract. */
public final class ApiResponses {
  private static final JsonMapper JSON = JsonMapper.createDefault();

  private ApiResponses() {}

  public static Map<String, Object> body(APIGatewayProxyResponseEvent response) {
    try {
      return JSON.readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A header's first value from either header map, by name in any case; null if absent. */
  public static String header(APIGatewayProxyResponseEvent response, String name) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (response.getMultiValueHeaders() != null) {
      headers.putAll(response.getMultiValueHeaders());
    }
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((k, v) -> headers.putIfAbsent(k, List.of(v)));
    }
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public static long number(Map<String, Object> body, String field) {
    return ((Number) body.get(field)).longValue();
  }

  /** The status and the JSON error body every refusal carries: a code, a message, no internals. */
  public static void assertError(int status, String code, APIGatewayProxyResponseEvent response) {
    assertEquals(status, response.getStatusCode(), response.getBody());
    Map<String, Object> body = body(response);
    assertEquals(code, body.get("error"));
    assertTrue(body.get("message") instanceof String, response.getBody());
    assertNull(body.get("stackTrace"));
  }
}
