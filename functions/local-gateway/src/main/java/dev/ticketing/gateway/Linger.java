package dev.ticketing.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Answers and closes a connection whose client may still be sending (a request over a limit, a
 * refused connection), the way a careful server does: the answer, then our half of the connection
 * closed, then whatever the client still sends read and dropped for a moment before the socket
 * closes. Closing at once with unread bytes would reset the connection and could destroy the answer
 * before the client reads it.
 */
final class Linger {
  private static final long LINGER_MILLIS = 2_000;
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("linger.closing");

  private Linger() {}

  /** Whether the connection is being closed: nothing more is read from it or answered on it. */
  static boolean closing(Channel channel) {
    return channel.hasAttr(CLOSING);
  }

  static ChannelFuture close(Channel channel, Reply reply) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(reply.body()));
    response.headers().set(reply.headers());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    response.headers().set(HttpHeaderNames.DATE, HttpDates.now());
    return closeAfter(channel, response);
  }

  /** Writes {@code response} (from the pipeline's end, so it is encoded), then lingers. */
  static ChannelFuture closeAfter(Channel channel, Object response) {
    channel.attr(CLOSING).set(Boolean.TRUE);
    if (channel.pipeline().get(Discard.class) == null) {
      channel.pipeline().addFirst(new Discard());
    }
    channel.config().setAutoRead(true);
    return channel
        .writeAndFlush(response)
        .addListener(
            (ChannelFutureListener)
                written -> {
                  if (!written.isSuccess() || !(channel instanceof SocketChannel socket)) {
                    channel.close();
                    return;
                  }
                  socket.shutdownOutput();
                  channel
                      .eventLoop()
                      .schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                });
  }

  /** First in the pipeline of a closing connection: drops what arrives; closes at its end. */
  private static final class Discard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
        ctx.close();
      }
      ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
