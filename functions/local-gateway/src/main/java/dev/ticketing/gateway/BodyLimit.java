package dev.ticketing.gateway;

import dev.ticketing.error.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Gathers a request's body (up to the limit) into one message; a larger body, announced or sent, is
 * answered {@code 413 payload_too_large} before any function runs, and the connection closed. The
 * whole request keeps the headers the client sent: no {@code Content-Length} is added to a request
 * that had none (API Gateway adds none either).
 */
final class BodyLimit extends HttpObjectAggregator {
  private final int maxBytes;
  private boolean lengthSent;

  BodyLimit(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected FullHttpMessage beginAggregation(HttpMessage start, ByteBuf content) throws Exception {
    lengthSent = HttpUtil.isContentLengthSet(start);
    return super.beginAggregation(start, content);
  }

  @Override
  protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
    super.finishAggregation(aggregated);
    if (!lengthSent) {
      aggregated.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
    }
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
