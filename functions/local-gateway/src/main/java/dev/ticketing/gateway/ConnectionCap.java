package dev.ticketing.gateway;

import dev.ticketing.error.ErrorCode;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code MAX_CONNECTIONS_PER_CLIENT} open connections per client address. One more is
 * answered {@code 429 too_many_connections} at once and closed, without reading its request; the
 * operator is told (at most once a minute per address) which setting to raise.
 */
@ChannelHandler.Sharable
final class ConnectionCap extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger("gateway");
  private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("cap.counted");
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int max;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
  private final Map<InetAddress, Long> warned = new ConcurrentHashMap<>();

  ConnectionCap(int max) {
    this.max = max;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    InetAddress client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    int count = open.merge(client, 1, Integer::sum);
    if (count > max) {
      release(client);
      refuse(ctx, client);
      return;
    }
    ctx.channel().attr(COUNTED).set(client);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    InetAddress client = ctx.channel().attr(COUNTED).getAndSet(null);
    if (client != null) {
      release(client);
    }
    super.channelInactive(ctx);
  }

  int openConnections(InetAddress client) {
    return open.getOrDefault(client, 0);
  }

  private void release(InetAddress client) {
    open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
  }

  private void refuse(ChannelHandlerContext ctx, InetAddress client) {
    long now = System.nanoTime();
    Long last = warned.get(client);
    if (last == null || now - last > WARN_EVERY_NANOS) {
      warned.put(client, now);
      LOG.warn(
          "client {} holds {} connections: refusing more (MAX_CONNECTIONS_PER_CLIENT={})",
          client.getHostAddress(),
          max,
          max);
    }
    ctx.channel().config().setAutoRead(false);
    Linger.close(
        ctx.channel(),
        Reply.error(
                429,
                ErrorCode.TOO_MANY_CONNECTIONS,
                "This address holds " + max + " connections to the gateway already.")
            .with("Retry-After", "1"));
  }
}
