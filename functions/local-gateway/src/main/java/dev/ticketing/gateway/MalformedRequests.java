package dev.ticketing.gateway;

import dev.ticketing.error.ErrorCode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Requests that are not HTTP/1.x the gateway can serve, answered in the API's JSON error shape and
 * then closed (the rest of such a connection cannot be trusted to frame requests): a request line
 * or header block the decoder refused (too long: 414, 431; anything else: 400), another HTTP
 * version, a method that is not an HTTP token, too many headers, a missing or repeated {@code
 * Host}.
 */
final class MalformedRequests {
  private static final String TOKEN_CHARS =
      "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private MalformedRequests() {}

  /** The answer refusing {@code request}, or null when it may be served. */
  static Reply check(FullHttpRequest request, GatewayLimits limits) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        return Reply.error(
            414,
            ErrorCode.URI_TOO_LONG,
            "The request line is longer than " + limits.maxRequestLineBytes() + " bytes.");
      }
      if (cause instanceof TooLongHttpHeaderException) {
        return headersTooLarge(limits);
      }
      return Reply.error(400, ErrorCode.BAD_REQUEST, "The request is not valid HTTP/1.1.");
    }
    if (!request.protocolVersion().protocolName().equals("HTTP")
        || request.protocolVersion().majorVersion() != 1) {
      return Reply.error(400, ErrorCode.BAD_REQUEST, "The gateway speaks HTTP/1.1 and HTTP/1.0.");
    }
    if (!isToken(request.method().name())) {
      return Reply.error(400, ErrorCode.BAD_REQUEST, "The request method is not an HTTP token.");
    }
    if (request.headers().size() > limits.maxHeaders()) {
      return headersTooLarge(limits);
    }
    int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
    if (hosts > 1 || (hosts == 0 && request.protocolVersion().minorVersion() >= 1)) {
      return Reply.error(
          400, ErrorCode.BAD_REQUEST, "An HTTP/1.1 request names its host once (Host header).");
    }
    return null;
  }

  private static Reply headersTooLarge(GatewayLimits limits) {
    return Reply.error(
        431,
        ErrorCode.HEADERS_TOO_LARGE,
        "The request's headers are larger than "
            + limits.maxHeaderBytes()
            + " bytes or more than "
            + limits.maxHeaders()
            + ".");
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (TOKEN_CHARS.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
