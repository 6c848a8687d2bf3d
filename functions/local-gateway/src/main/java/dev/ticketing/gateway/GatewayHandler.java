package dev.ticketing.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.error.ErrorCode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's requests, one at a time and in order: {@code /api/...} to the function the route
 * catalog names (on a function thread, through the edge cache), everything else to the SPA; each
 * answered and logged in one line. Nothing more is read from the connection while a request is
 * being answered.
 */
final class GatewayHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger("gateway");
  private static final int MAX_PIPELINED = 16;

  private final Gateway gateway;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean answering;

  /** What every connection's handler shares. */
  record Gateway(
      Invoker functions,
      StaticFiles spa,
      EdgeCache cache,
      java.util.concurrent.Executor functionThreads,
      GatewayLimits limits) {}

  GatewayHandler(Gateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.channel().config().setAutoRead(false);
    if (answering) {
      if (waiting.size() >= MAX_PIPELINED) {
        request.release();
        ctx.close();
        return;
      }
      waiting.add(request);
      return;
    }
    answer(ctx, request);
  }

  private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
    answering = true;
    Exchange exchange = new Exchange(request, System.nanoTime());
    try {
      Reply refused = MalformedRequests.check(request, gateway.limits());
      if (refused != null) {
        finish(ctx, exchange.closing(), refused);
        return;
      }
      RequestTarget target = RequestTarget.parse(request.uri());
      if (!target.valid()) {
        finish(ctx, exchange, Reply.error(400, ErrorCode.BAD_REQUEST, target.problem()));
        return;
      }
      if (!target.api()) {
        finish(ctx, exchange, spa(exchange, target));
        return;
      }
      Optional<Route> route = RouteTable.match(exchange.method, target.rawPath());
      if (route.isEmpty()) {
        finish(
            ctx,
            exchange,
            Reply.error(404, ErrorCode.NOT_FOUND, "No API route " + target.rawPath() + "."));
        return;
      }
      GatewayRequest call =
          new GatewayRequest(
              exchange.method,
              target.rawPath(),
              target.rawQuery(),
              request.headers(),
              ByteBufUtil.getBytes(request.content()),
              ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress());
      String ifNoneMatch = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
      try {
        gateway
            .functionThreads()
            .execute(() -> invoke(ctx, exchange, route.get(), call, ifNoneMatch));
      } catch (RejectedExecutionException e) {
        finish(
            ctx,
            exchange.closing(),
            Reply.error(503, ErrorCode.SERVICE_UNAVAILABLE, "The gateway is stopping."));
      }
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "request {} {} {} failed in the gateway", exchange.id, exchange.method, exchange.path, e);
      finish(ctx, exchange, internalError(exchange));
    } finally {
      request.release();
    }
  }

  /** On a function thread: the function's answer, through the edge cache for a GET. */
  private void invoke(
      ChannelHandlerContext ctx,
      Exchange exchange,
      Route route,
      GatewayRequest call,
      String ifNoneMatch) {
    Reply reply;
    try {
      EdgeCache.Origin origin =
          conditional ->
              gateway
                  .functions()
                  .invoke(
                      route.function(), ProxyEvents.toEvent(call, route, exchange.id, conditional));
      APIGatewayProxyResponseEvent response =
          exchange.method.equals("GET")
              ? gateway
                  .cache()
                  .get(EdgeCache.key(call.rawPath(), call.rawQuery()), ifNoneMatch, origin)
              : origin.call(true);
      reply = ProxyEvents.toReply(response);
    } catch (RuntimeException e) {
      LOG.error(
          "request {} {} {} failed in the gateway", exchange.id, exchange.method, exchange.path, e);
      reply = internalError(exchange);
    }
    Reply answer = reply;
    ctx.executor().execute(() -> finish(ctx, exchange, answer));
  }

  private static Reply internalError(Exchange exchange) {
    return Reply.error(
        500,
        ErrorCode.INTERNAL_ERROR,
        "Something went wrong on our side. Quote request id " + exchange.id + ".");
  }

  /** The SPA's files are read-only, as CloudFront serves them: GET and HEAD. */
  private Reply spa(Exchange exchange, RequestTarget target) throws IOException {
    if (!exchange.method.equals("GET") && !exchange.head) {
      return Reply.error(
              405,
              ErrorCode.METHOD_NOT_ALLOWED,
              "The site's pages are read with GET or HEAD, not " + exchange.method + ".")
          .with(HttpHeaderNames.ALLOW, "GET, HEAD");
    }
    return gateway.spa().serve(target.path());
  }

  /** Sends the answer (on the connection's thread), logs it, then reads the next request. */
  private void finish(ChannelHandlerContext ctx, Exchange exchange, Reply answer) {
    Reply reply = Compression.apply(answer, exchange.acceptEncoding, exchange.target);
    if (!ctx.channel().isActive()) {
      AccessLog.line(
          exchange.method, exchange.path, reply.status(), exchange.started, "client gone");
      return;
    }
    boolean noBody = exchange.head || reply.status() == 204 || reply.status() == 304;
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            noBody ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
    response.headers().set(reply.headers());
    if (reply.status() != 204 && reply.status() != 304) {
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    }
    response.headers().set(HttpHeaderNames.DATE, HttpDates.now());
    if (!exchange.keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (exchange.http10) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ChannelFutureListener logged =
        written -> {
          if (written.isSuccess()) {
            AccessLog.line(exchange.method, exchange.path, reply.status(), exchange.started);
          } else {
            AccessLog.line(
                exchange.method, exchange.path, reply.status(), exchange.started, "client gone");
          }
        };
    if (!exchange.keepAlive) {
      Linger.closeAfter(ctx.channel(), response).addListener(logged);
      return;
    }
    ctx.writeAndFlush(response)
        .addListener(logged)
        .addListener(
            (ChannelFutureListener)
                written -> {
                  if (written.isSuccess()) {
                    next(ctx);
                  } else {
                    ctx.close();
                  }
                });
  }

  private void next(ChannelHandlerContext ctx) {
    answering = false;
    FullHttpRequest request = waiting.poll();
    if (request != null) {
      answer(ctx, request);
    } else {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A client that goes away (reset, or closed in the middle of a request) is no fault of ours.
    if (!(cause instanceof IOException) && !(cause instanceof PrematureChannelClosureException)) {
      LOG.warn("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }

  /** One request's facts the answer and the log line need, read before its buffers go. */
  private static final class Exchange {
    final String id = UUID.randomUUID().toString();
    final String method;
    final String target;
    final String path;
    final String acceptEncoding;
    final long started;
    final boolean head;
    final boolean http10;
    boolean keepAlive;

    Exchange(FullHttpRequest request, long started) {
      this.method = request.method().name();
      this.target = request.uri();
      this.path = AccessLog.pathOf(request.uri());
      this.acceptEncoding = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
      this.started = started;
      this.head = method.equals("HEAD");
      this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
      this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    Exchange closing() {
      keepAlive = false;
      return this;
    }
  }
}
