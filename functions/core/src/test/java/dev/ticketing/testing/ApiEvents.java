package dev.ticketing.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the API Gateway (REST, payload 1.0) events a function receives, for handler tests. */
public final class ApiEvents {
  private final APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, String> query = new LinkedHashMap<>();

  private ApiEvents(String method, String path) {
    event.setHttpMethod(method);
    event.setPath(path);
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setRequestId(UUID.randomUUID().toString());
    context.setStage("test");
    event.setRequestContext(context);
  }

  public static ApiEvents get(String path) {
    return new ApiEvents("GET", path);
  }

  public static ApiEvents post(String path) {
    return new ApiEvents("POST", path);
  }

  public static ApiEvents delete(String path) {
    return new ApiEvents("DELETE", path);
  }

  public static ApiEvents request(String method, String path) {
    return new ApiEvents(method, path);
  }

  public ApiEvents header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The client's address as API Gateway sees the connection ({@code identity.sourceIp}). */
  public ApiEvents sourceIp(String address) {
    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity();
    identity.setSourceIp(address);
    event.getRequestContext().setIdentity(identity);
    return this;
  }

  public ApiEvents bearer(String token) {
    return header("Authorization", "Bearer " + token);
  }

  public ApiEvents query(String name, String value) {
    query.put(name, value);
    return this;
  }

  /** A JSON body with its content type and length, as API Gateway forwards them. */
  public ApiEvents json(String body) {
    return body("application/json", body);
  }

  public ApiEvents body(String contentType, String body) {
    header("Content-Type", contentType);
    header("Content-Length", Integer.toString(body.getBytes().length));
    event.setBody(body);
    return this;
  }

  public APIGatewayProxyRequestEvent build() {
    event.setHeaders(new HashMap<>(headers));
    Map<String, List<String>> multi = new HashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    event.setMultiValueHeaders(multi);
    if (!query.isEmpty()) {
      event.setQueryStringParameters(new HashMap<>(query));
      Map<String, List<String>> multiQuery = new HashMap<>();
      query.forEach((k, v) -> multiQuery.put(k, List.of(v)));
      event.setMultiValueQueryStringParameters(multiQuery);
    }
    return event;
  }
}
