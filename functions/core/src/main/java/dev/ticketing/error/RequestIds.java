package dev.ticketing.error;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import java.util.UUID;

/** A request's correlation id, the one API Gateway's access log and the function's log share. */
public final class RequestIds {
  /** The header that carries it from the local gateway (which sets the event's id too). */
  public static final String HEADER = "X-Request-Id";

  private RequestIds() {}

  /**
   * API Gateway's request id from the proxy event's request context (the local gateway sets it
   * too), else the {@code X-Request-Id} header, else a new one. On AWS the first always applies, so
   * an id a client sends in the header never replaces API Gateway's.
   */
  public static String of(HttpRequest<?> request) {
    if (request instanceof ServletHttpRequest<?, ?> servlet
        && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event
        && event.getRequestContext() != null
        && event.getRequestContext().getRequestId() != null) {
      return event.getRequestContext().getRequestId();
    }
    return request.getHeaders().findFirst(HEADER).orElseGet(() -> UUID.randomUUID().toString());
  }
}
