package dev.ticketing.gateway;

import dev.ticketing.error.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Gathers a request's body (up to the limit) into one message; a larger body, announced or sent, is
 * answered {@code 413 payload_too_large} before any function runs, and the connection closed.
 */
final class BodyLimit extends HttpObjectAggregator {
  private final int maxBytes;

  BodyLimit(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    if (oversized instanceof HttpRequest request) {
      AccessLog.line(
          request.method().name(), AccessLog.pathOf(request.uri()), 413, System.nanoTime());
    }
    Linger.close(
        ctx.channel(),
        Reply.error(
            413,
            ErrorCode.PAYLOAD_TOO_LARGE,
            "The request body is larger than " + maxBytes + " bytes."));
  }
}
