package dev.ticketing.gateway;

import dev.ticketing.error.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's clocks, so a slow client holds nothing but its own socket: from a request's
 * first byte its headers must arrive within the header timeout, then its body within the body
 * timeout, or it is answered {@code 408} and closed; a keep-alive connection with nothing to do is
 * closed after the idle timeout. While a request is being answered no clock runs (the gateway reads
 * nothing more from that connection meanwhile). Two handlers share the state: one before the HTTP
 * decoder (a request's first bytes), one after it (its headers, its end, its answer).
 */
final class RequestDeadlines {
  private enum Reading {
    NOTHING,
    HEADERS,
    BODY
  }

  private final GatewayLimits limits;
  private Reading reading = Reading.NOTHING;
  private int unanswered;
  private String method = "-";
  private String path = "-";
  private long readingSince;
  private ScheduledFuture<?> clock;

  RequestDeadlines(GatewayLimits limits) {
    this.limits = limits;
  }

  /** Sees the raw bytes, before the HTTP decoder. */
  ChannelHandler front() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelActive(ChannelHandlerContext ctx) throws Exception {
        idle(ctx);
        super.channelActive(ctx);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf && reading == Reading.NOTHING) {
          reading = Reading.HEADERS;
          method = "-";
          path = "-";
          readingSince = System.nanoTime();
          restart(ctx);
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
      }
    };
  }

  /** Sees decoded requests and the answers, after the HTTP codec. */
  ChannelHandler back() {
    return new ChannelDuplexHandler() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
          reading = Reading.BODY;
          method = request.method().name();
          path = AccessLog.pathOf(request.uri());
          restart(ctx);
        }
        if (msg instanceof LastHttpContent) {
          reading = Reading.NOTHING;
          unanswered++;
          restart(ctx);
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
          throws Exception {
        if (msg instanceof LastHttpContent) {
          promise = promise.unvoid();
          promise.addListener(
              (ChannelFutureListener)
                  f -> {
                    if (unanswered > 0) {
                      unanswered--;
                    }
                    restart(ctx);
                  });
        }
        super.write(ctx, msg, promise);
      }
    };
  }

  /** The clock that applies now: none while answering, else the reading or the idle one. */
  private void restart(ChannelHandlerContext ctx) {
    stop();
    if (unanswered > 0 || !ctx.channel().isActive() || Linger.closing(ctx.channel())) {
      return;
    }
    switch (reading) {
      case NOTHING -> idle(ctx);
      case HEADERS -> schedule(ctx, limits.headerTimeout(), () -> timeOut(ctx, "headers"));
      case BODY -> schedule(ctx, limits.bodyTimeout(), () -> timeOut(ctx, "body"));
    }
  }

  private void idle(ChannelHandlerContext ctx) {
    schedule(ctx, limits.idleTimeout(), ctx::close);
  }

  private void schedule(ChannelHandlerContext ctx, Duration after, Runnable task) {
    clock = ctx.executor().schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void stop() {
    if (clock != null) {
      clock.cancel(false);
      clock = null;
    }
  }

  private void timeOut(ChannelHandlerContext ctx, String part) {
    Duration limit = part.equals("headers") ? limits.headerTimeout() : limits.bodyTimeout();
    AccessLog.line(method, path, 408, readingSince, "the request's " + part + " came too slowly");
    Linger.close(
        ctx.channel(),
        Reply.error(
            408,
            ErrorCode.REQUEST_TIMEOUT,
            "The request's " + part + " did not arrive within " + limit.toSeconds() + " s."));
  }
}
