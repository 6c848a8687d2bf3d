package dev.ticketing.error;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

/**
 * Refuses a body before any controller sees it when it is too large (413) or not JSON (415). Every
 * body this API accepts is a small JSON object.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public final class RequestBodyGuard implements HttpServerFilter {
  /** Far above the largest valid body (four seat ids), far below API Gateway's 10 MB. */
  public static final int MAX_BODY_BYTES = 16 * 1024;

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    long length = request.getContentLength();
    if (length > MAX_BODY_BYTES) {
      return refuse(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          ErrorCode.PAYLOAD_TOO_LARGE,
          "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
    if (length > 0) {
      boolean json =
          request
              .getContentType()
              .map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE))
              .orElse(false);
      if (!json) {
        return refuse(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "Send the body as application/json.");
      }
    }
    return chain.proceed(request);
  }

  private static Publisher<MutableHttpResponse<?>> refuse(
      HttpStatus status, ErrorCode code, String message) {
    return Publishers.just(
        HttpResponse.status(status)
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(ErrorBodies.of(code, message)));
  }
}
