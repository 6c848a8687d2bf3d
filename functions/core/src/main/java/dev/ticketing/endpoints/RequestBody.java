package dev.ticketing.endpoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.ticketing.error.RequestBodyGuard;
import io.micronaut.http.MediaType;

/**
 * Which bodies an endpoint answers itself: none, or for a route that takes one, a JSON body that
 * {@link RequestBodyGuard} would let through (a {@code Content-Length} of at most {@link
 * RequestBodyGuard#MAX_BODY_BYTES}, {@code Content-Type} JSON, not base64-encoded). Every other
 * body goes to Micronaut, whose guard refuses it (413, 415) or binds it exactly as before.
 */
final class RequestBody {
  private RequestBody() {}

  static boolean admitted(
      EndpointRequest request, APIGatewayProxyRequestEvent event, boolean takesBody) {
    boolean hasBody = event.getBody() != null && !event.getBody().isEmpty();
    String length = request.header("Content-Length").orElse(null);
    if (!hasBody && (length == null || length.equals("0"))) {
      return true;
    }
    return takesBody
        && hasBody
        && !Boolean.TRUE.equals(event.getIsBase64Encoded())
        && withinLimit(length)
        && request.header("Content-Type").map(RequestBody::json).orElse(false);
  }

  private static boolean withinLimit(String length) {
    if (length == null) {
      return false;
    }
    try {
      long bytes = Long.parseLong(length.trim());
      return bytes > 0 && bytes <= RequestBodyGuard.MAX_BODY_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean json(String contentType) {
    try {
      return MediaType.of(contentType).matches(MediaType.APPLICATION_JSON_TYPE);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
