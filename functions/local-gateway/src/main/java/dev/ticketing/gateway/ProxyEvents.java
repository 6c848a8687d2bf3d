package dev.ticketing.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.ticketing.error.RequestIds;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between HTTP and the API Gateway REST (payload 1.0) proxy event, the way API Gateway
 * does: single and multi-value headers and query parameters, path parameters, a request context.
 */
final class ProxyEvents {
  private ProxyEvents() {}

  /** The client's conditional headers, left out when the edge cache fetches what it will keep. */
  private static final List<String> CONDITIONAL = List.of("If-none-match", "If-modified-since");

  static APIGatewayProxyRequestEvent toEvent(
      HttpExchange exchange, Route route, byte[] body, String requestId, boolean conditional) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod(exchange.getRequestMethod());
    event.setPath(exchange.getRequestURI().getRawPath());
    event.setResource(route.resource());
    event.setPathParameters(route.pathParameters().isEmpty() ? null : route.pathParameters());

    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    Headers requestHeaders = exchange.getRequestHeaders();
    requestHeaders.forEach(
        (name, values) -> {
          if (!conditional && CONDITIONAL.contains(name)) {
            return;
          }
          headers.put(name, values.get(values.size() - 1));
          multiHeaders.put(name, new ArrayList<>(values));
        });
    headers.put(RequestIds.HEADER, requestId);
    multiHeaders.put(RequestIds.HEADER, List.of(requestId));
    if (body.length > 0 && !headers.containsKey("Content-Length")) {
      headers.put("Content-Length", Integer.toString(body.length));
      multiHeaders.put("Content-Length", List.of(Integer.toString(body.length)));
    }
    event.setHeaders(headers);
    event.setMultiValueHeaders(multiHeaders);

    Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
    if (!query.isEmpty()) {
      Map<String, String> single = new HashMap<>();
      query.forEach((k, v) -> single.put(k, v.get(v.size() - 1)));
      event.setQueryStringParameters(single);
      event.setMultiValueQueryStringParameters(query);
    }

    if (body.length > 0) {
      event.setBody(new String(body, StandardCharsets.UTF_8));
    }
    event.setIsBase64Encoded(false);

    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setRequestId(requestId);
    context.setStage("local");
    context.setHttpMethod(exchange.getRequestMethod());
    context.setResourcePath(route.resource());
    context.setPath(exchange.getRequestURI().getRawPath());
    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity();
    identity.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
    context.setIdentity(identity);
    event.setRequestContext(context);
    return event;
  }

  /** Writes the function's response back to the HTTP client; returns the status sent. */
  static int send(HttpExchange exchange, APIGatewayProxyResponseEvent response) throws IOException {
    Headers out = exchange.getResponseHeaders();
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    }
    // Like API Gateway: a header present in both maps is sent once, with the multi-value list.
    if (response.getHeaders() != null) {
      response
          .getHeaders()
          .forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>(List.of(v))));
    }
    out.remove("Content-Length");
    byte[] body = bodyOf(response);
    int status = response.getStatusCode() == null ? 502 : response.getStatusCode();
    boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, noBody || body.length == 0 ? -1 : body.length);
    if (!noBody && body.length > 0) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
    return status;
  }

  private static byte[] bodyOf(APIGatewayProxyResponseEvent response) {
    if (response.getBody() == null) {
      return new byte[0];
    }
    return Boolean.TRUE.equals(response.getIsBase64Encoded())
        ? Base64.getDecoder().decode(response.getBody())
        : response.getBody().getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
