package dev.ticketing.bench.firstrequest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.ticketing.error.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One request a probe sends its handler, as a line of the requests file ({@code METHOD \t PATH \t
 * TOKEN \t BODY}, {@code -} for none), turned into the API Gateway proxy event the local gateway
 * would build (headers, request id, source address).
 */
record ProbeRequest(String method, String path, String token, String body) {
  private static final String NONE = "-";

  static ProbeRequest parse(String line) {
    String[] f = line.split("\t", 4);
    return new ProbeRequest(f[0], f[1], f[2], f[3]);
  }

  static ProbeRequest of(String method, String path, String token, String body) {
    return new ProbeRequest(method, path, token == null ? NONE : token, body == null ? NONE : body);
  }

  String line() {
    return method + "\t" + path + "\t" + token + "\t" + body;
  }

  APIGatewayProxyRequestEvent event() {
    Map<String, String> headers = new HashMap<>();
    String requestId = UUID.randomUUID().toString();
    headers.put(RequestIds.HEADER, requestId);
    headers.put("Accept", "application/json");
    if (!token.equals(NONE)) {
      headers.put("Authorization", "Bearer " + token);
    }
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    if (!body.equals(NONE)) {
      headers.put("Content-Type", "application/json");
      headers.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
      event.setBody(body);
    }
    Map<String, List<String>> multi = new HashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    event.setHttpMethod(method);
    event.setPath(path);
    event.setHeaders(headers);
    event.setMultiValueHeaders(multi);
    event.setIsBase64Encoded(false);
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setRequestId(requestId);
    context.setStage("local");
    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity();
    identity.setSourceIp("127.0.0.1");
    context.setIdentity(identity);
    event.setRequestContext(context);
    return event;
  }
}
