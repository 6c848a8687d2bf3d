package dev.ticketing.endpoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.ticketing.auth.BearerTokens;
import dev.ticketing.error.RequestIds;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What an endpoint reads of an API Gateway proxy event: path parameters, headers, query. */
public final class EndpointRequest {
  private final APIGatewayProxyRequestEvent event;
  private final Map<String, String> pathParameters;
  private final JsonMapper json;

  EndpointRequest(
      APIGatewayProxyRequestEvent event, Map<String, String> pathParameters, JsonMapper json) {
    this.event = event;
    this.pathParameters = pathParameters;
    this.json = json;
  }

  public String pathParameter(String name) {
    return pathParameters.get(name);
  }

  /**
   * A header's first value, its name in any case (API Gateway passes names as the client sent
   * them).
   */
  public Optional<String> header(String name) {
    Optional<String> single = find(event.getHeaders(), name);
    if (single.isPresent()) {
      return single;
    }
    Map<String, List<String>> multi = event.getMultiValueHeaders();
    if (multi != null) {
      for (Map.Entry<String, List<String>> h : multi.entrySet()) {
        if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
          return Optional.ofNullable(h.getValue().get(0));
        }
      }
    }
    return Optional.empty();
  }

  /** The token of {@code Authorization: Bearer <token>}, if any. */
  public Optional<String> bearerToken() {
    return header("Authorization").flatMap(BearerTokens::fromHeader);
  }

  /**
   * The JSON body, or null when there is none or it is not JSON (as a controller's {@code
   * getBody(JsonNode.class)} gives it: the endpoint's validation answers 400).
   */
  public JsonNode body() {
    String body = event.getBody();
    if (body == null || body.isEmpty()) {
      return null;
    }
    try {
      return json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A query parameter (its first value, as Micronaut binds one); null when absent. */
  public String query(String name) {
    Map<String, List<String>> multi = event.getMultiValueQueryStringParameters();
    if (multi != null && multi.get(name) != null && !multi.get(name).isEmpty()) {
      List<String> values = multi.get(name);
      return values.get(0);
    }
    Map<String, String> single = event.getQueryStringParameters();
    return single == null ? null : single.get(name);
  }

  /** API Gateway's request id (as {@link RequestIds#of} reads it). */
  public String requestId() {
    if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
      return event.getRequestContext().getRequestId();
    }
    return header(RequestIds.HEADER).orElseGet(() -> UUID.randomUUID().toString());
  }

  /** The connection's source address, as API Gateway saw it ({@code identity.sourceIp}). */
  public Optional<String> sourceIp() {
    if (event.getRequestContext() == null || event.getRequestContext().getIdentity() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(event.getRequestContext().getIdentity().getSourceIp());
  }

  public String method() {
    return event.getHttpMethod();
  }

  public String path() {
    return event.getPath();
  }

  private static Optional<String> find(Map<String, String> headers, String name) {
    if (headers == null) {
      return Optional.empty();
    }
    String exact = headers.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return Optional.ofNullable(h.getValue());
      }
    }
    return Optional.empty();
  }
}
