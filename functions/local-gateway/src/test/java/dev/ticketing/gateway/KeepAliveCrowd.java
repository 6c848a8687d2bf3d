package dev.ticketing.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A crowd of keep-alive HTTP/1.1 clients on one thread, as cheap as a client can be: each buyer
 * thinks a random moment, then sends two requests back to back on its connection (the second the
 * instant the first answer's last byte is read), and does that {@code rounds} times. A connection
 * the server closes while nothing is outstanding is reopened, as any client does; one closed under
 * a request in flight is a lost request, counted by what the client saw.
 */
final class KeepAliveCrowd {
  private final InetSocketAddress server;
  private final byte[] request;
  private final int rounds;
  private final long thinkNanos;
  private final Random random = new Random(19);

  /** What happened: answers by status, requests lost by what the client saw, reconnections. */
  record Outcome(Map<Integer, Integer> statuses, Map<String, Integer> lost, int reopened) {}

  KeepAliveCrowd(InetSocketAddress server, String request, int rounds, long thinkMillis) {
    this.server = server;
    this.request = request.getBytes(StandardCharsets.US_ASCII);
    this.rounds = rounds;
    this.thinkNanos = TimeUnit.MILLISECONDS.toNanos(thinkMillis);
  }

  private final class Buyer {
    SocketChannel channel;
    final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    ByteBuffer out;
    int sent;
    boolean outstanding;
    long wakeAt;

    boolean done() {
      return sent == rounds * 2 && !outstanding;
    }
  }

  Outcome run(int buyers, long deadlineMillis) throws IOException {
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Integer> lost = new TreeMap<>();
    int reopened = 0;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    List<Buyer> crowd = new ArrayList<>();
    try (Selector selector = Selector.open()) {
      long now = System.nanoTime();
      for (int i = 0; i < buyers; i++) {
        Buyer b = new Buyer();
        b.wakeAt = now + (long) (random.nextDouble() * thinkNanos);
        crowd.add(b);
      }
      while (true) {
        now = System.nanoTime();
        if (now > deadline) {
          long unfinished = crowd.stream().filter(b -> !b.done()).count();
          lost.merge("unfinished at the deadline", (int) unfinished, Integer::sum);
          break;
        }
        long nextWake = Long.MAX_VALUE;
        boolean allDone = true;
        for (Buyer b : crowd) {
          if (b.done()) {
            continue;
          }
          allDone = false;
          if (!b.outstanding && b.wakeAt <= now) {
            if (b.channel == null || !b.channel.isOpen()) {
              b.channel = open(selector, b);
            }
            send(b, selector);
          } else if (!b.outstanding) {
            nextWake = Math.min(nextWake, b.wakeAt);
          }
        }
        if (allDone) {
          break;
        }
        long waitMillis =
            nextWake == Long.MAX_VALUE
                ? 100
                : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextWake - System.nanoTime()));
        selector.select(Math.min(waitMillis, 100));
        for (SelectionKey key : selector.selectedKeys()) {
          Buyer b = (Buyer) key.attachment();
          try {
            if (key.isValid() && key.isConnectable() && b.channel.finishConnect()) {
              key.interestOps(
                  SelectionKey.OP_READ | (b.out.hasRemaining() ? SelectionKey.OP_WRITE : 0));
            }
            if (key.isValid() && key.isWritable()) {
              b.channel.write(b.out);
              if (!b.out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
              }
            }
            if (key.isValid() && key.isReadable()) {
              int n = b.channel.read(b.in);
              if (n < 0) {
                if (b.outstanding) {
                  lost.merge("connection closed before the answer", 1, Integer::sum);
                  b.outstanding = false;
                } else {
                  reopened++;
                }
                key.cancel();
                b.channel.close();
                b.channel = null;
                continue;
              }
              int status = complete(b.in);
              if (status > 0) {
                statuses.merge(status, 1, Integer::sum);
                b.outstanding = false;
                b.in.clear();
                if (b.sent % 2 == 1) {
                  send(b, selector); // the second request of the pair, at once
                } else {
                  b.wakeAt = System.nanoTime() + (long) (random.nextDouble() * thinkNanos);
                }
              }
            }
          } catch (IOException e) {
            if (b.outstanding) {
              lost.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
              b.outstanding = false;
            } else {
              reopened++;
            }
            key.cancel();
            b.channel.close();
            b.channel = null;
          }
        }
        selector.selectedKeys().clear();
      }
    } finally {
      for (Buyer b : crowd) {
        if (b.channel != null) {
          b.channel.close();
        }
      }
    }
    return new Outcome(statuses, lost, reopened);
  }

  private SocketChannel open(Selector selector, Buyer b) throws IOException {
    SocketChannel channel = SocketChannel.open();
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    channel.connect(server);
    b.channel = channel;
    channel.register(selector, SelectionKey.OP_CONNECT, b);
    return channel;
  }

  private void send(Buyer b, Selector selector) throws IOException {
    if (b.channel == null || !b.channel.isOpen()) {
      open(selector, b);
    }
    b.out = ByteBuffer.wrap(request);
    b.outstanding = true;
    b.sent++;
    SelectionKey key = b.channel.keyFor(selector);
    if (b.channel.isConnected()) {
      b.channel.write(b.out);
      key.interestOps(SelectionKey.OP_READ | (b.out.hasRemaining() ? SelectionKey.OP_WRITE : 0));
    }
  }

  /** The status of the complete answer in {@code in}, or 0 while it is not all there. */
  private static int complete(ByteBuffer in) {
    String head = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n\r\n");
    if (end < 0) {
      return 0;
    }
    int length = 0;
    for (String line : head.substring(0, end).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    if (in.position() < end + 4 + length) {
      return 0;
    }
    return Integer.parseInt(head.substring(9, 12));
  }
}
