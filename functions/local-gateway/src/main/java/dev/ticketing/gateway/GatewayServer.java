package dev.ticketing.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP port: {@code /api/...} to the functions, everything else to the SPA. Netty reads and
 * writes every connection without a thread of its own, so a slow or idle client holds only its
 * socket; functions run on a pool of their own threads, as Lambda runs each invocation apart.
 */
final class GatewayServer implements AutoCloseable {
  private final String host;
  private final int port;
  private final GatewayLimits limits;
  private final EventLoopGroup acceptor;
  private final EventLoopGroup connections;
  private final ExecutorService functionThreads;
  private final ConnectionCap cap;
  private final GatewayHandler.Gateway gateway;
  private Channel listening;

  GatewayServer(
      String host,
      int port,
      Invoker functions,
      StaticFiles spa,
      EdgeCache cache,
      GatewayLimits limits) {
    this.host = host;
    this.port = port;
    this.limits = limits;
    this.acceptor =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("gateway-accept", true), NioIoHandler.newFactory());
    this.connections =
        new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(),
            new DefaultThreadFactory("gateway-io", true),
            NioIoHandler.newFactory());
    this.functionThreads =
        Executors.newFixedThreadPool(
            limits.functionThreads(), new DefaultThreadFactory("gateway-function", true));
    this.cap = new ConnectionCap(limits.maxConnectionsPerClient());
    this.gateway = new GatewayHandler.Gateway(functions, spa, cache, functionThreads, limits);
  }

  void start() throws IOException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptor, connections)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    RequestDeadlines deadlines = new RequestDeadlines(limits);
                    channel
                        .pipeline()
                        .addLast("cap", cap)
                        .addLast("deadlines-bytes", deadlines.front())
                        .addLast(
                            "http",
                            new HttpServerCodec(
                                new HttpDecoderConfig()
                                    .setMaxInitialLineLength(limits.maxRequestLineBytes())
                                    .setMaxHeaderSize(limits.maxHeaderBytes())))
                        .addLast("deadlines-requests", deadlines.back())
                        .addLast("body", new BodyLimit(limits.maxBodyBytes()))
                        .addLast("gateway", new GatewayHandler(gateway));
                  }
                });
    ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      close();
      throw new IOException("cannot listen on " + host + ":" + port, bound.cause());
    }
    listening = bound.channel();
  }

  int port() {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }

  @Override
  public void close() {
    if (listening != null) {
      listening.close().awaitUninterruptibly();
    }
    acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    connections.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    functionThreads.shutdownNow();
  }
}
