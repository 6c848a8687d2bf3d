package dev.ticketing.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.error.RequestIds;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates between HTTP and the API Gateway REST (payload 1.0) proxy event, the way API Gateway
 * does: single and multi-value headers (names as the client sent them) and query parameters, path
 * parameters, a request context.
 */
final class ProxyEvents {
  /** Hop-by-hop headers, and the length the gateway sets itself: never copied from a function. */
  private static final List<String> NOT_FORWARDED =
      List.of("content-length", "transfer-encoding", "connection", "keep-alive");

  private ProxyEvents() {}

  /**
   * The proxy event of {@code request}; without the client's conditional headers when {@code
   * conditional} is false (the edge cache fetching what it will keep).
   */
  static APIGatewayProxyRequestEvent toEvent(
      GatewayRequest request, Route route, String requestId, boolean conditional) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod(request.method());
    event.setPath(request.rawPath());
    event.setResource(route.resource());
    event.setPathParameters(route.pathParameters().isEmpty() ? null : route.pathParameters());

    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    Map<String, String> spelling = new HashMap<>();
    for (Iterator<Map.Entry<String, String>> it = request.headers().iteratorAsString();
        it.hasNext(); ) {
      Map.Entry<String, String> h = it.next();
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      if (!conditional && (lower.equals("if-none-match") || lower.equals("if-modified-since"))) {
        continue;
      }
      String name = spelling.computeIfAbsent(lower, k -> h.getKey());
      headers.put(name, h.getValue());
      multiHeaders.computeIfAbsent(name, k -> new ArrayList<>(1)).add(h.getValue());
    }
    headers.put(RequestIds.HEADER, requestId);
    multiHeaders.put(RequestIds.HEADER, List.of(requestId));
    if (request.body().length > 0 && !spelling.containsKey("content-length")) {
      headers.put("Content-Length", Integer.toString(request.body().length));
      multiHeaders.put("Content-Length", List.of(Integer.toString(request.body().length)));
    }
    event.setHeaders(headers);
    event.setMultiValueHeaders(multiHeaders);

    Map<String, List<String>> query = parseQuery(request.rawQuery());
    if (!query.isEmpty()) {
      Map<String, String> single = new HashMap<>();
      query.forEach((k, v) -> single.put(k, v.get(v.size() - 1)));
      event.setQueryStringParameters(single);
      event.setMultiValueQueryStringParameters(query);
    }

    if (request.body().length > 0) {
      event.setBody(new String(request.body(), StandardCharsets.UTF_8));
    }
    event.setIsBase64Encoded(false);

    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setRequestId(requestId);
    context.setStage("local");
    context.setHttpMethod(request.method());
    context.setResourcePath(route.resource());
    context.setPath(request.rawPath());
    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity();
    identity.setSourceIp(request.sourceIp());
    context.setIdentity(identity);
    event.setRequestContext(context);
    return event;
  }

  /** The function's response as an answer to send. */
  static Reply toReply(APIGatewayProxyResponseEvent response) {
    HttpHeaders out = new DefaultHttpHeaders();
    if (response.getMultiValueHeaders() != null) {
      response
          .getMultiValueHeaders()
          .forEach(
              (k, v) -> {
                if (!NOT_FORWARDED.contains(k.toLowerCase(Locale.ROOT))) {
                  out.set(k, v);
                }
              });
    }
    // Like API Gateway: a header present in both maps is sent once, with the multi-value list.
    if (response.getHeaders() != null) {
      response
          .getHeaders()
          .forEach(
              (k, v) -> {
                if (!out.contains(k) && !NOT_FORWARDED.contains(k.toLowerCase(Locale.ROOT))) {
                  out.set(k, v);
                }
              });
    }
    int status = response.getStatusCode() == null ? 502 : response.getStatusCode();
    return new Reply(status, out, bodyOf(response));
  }

  private static byte[] bodyOf(APIGatewayProxyResponseEvent response) {
    if (response.getBody() == null) {
      return Reply.EMPTY;
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
