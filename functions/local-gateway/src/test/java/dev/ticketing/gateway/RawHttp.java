package dev.ticketing.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client that sends exactly the bytes a test gives it, for requests no well-behaved HTTP client
 * would send, and reads one answer back.
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;

  /** An answer: status, headers (names in lower case), body; status 0 when none came. */
  record Answer(int status, Map<String, String> headers, String body, boolean closed) {}

  RawHttp(int port) throws IOException {
    this("127.0.0.1", port);
  }

  RawHttp(String fromAddress, int port) throws IOException {
    socket = new Socket();
    socket.bind(new InetSocketAddress(fromAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(30_000);
  }

  RawHttp send(String raw) throws IOException {
    return send(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] raw) throws IOException {
    socket.getOutputStream().write(raw);
    socket.getOutputStream().flush();
    return this;
  }

  /** Reads one answer; then whether the server closed the connection after it. */
  Answer read() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    int matched = 0;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    if (matched < 4) {
      return new Answer(0, Map.of(), "", true);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Answer(
        Integer.parseInt(lines[0].substring(9, 12)),
        headers,
        new String(body, StandardCharsets.UTF_8),
        "close".equalsIgnoreCase(headers.get("connection")));
  }

  /** Whether the server closed the connection within {@code millis} (reading nothing more). */
  boolean closedWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    } finally {
      socket.setSoTimeout(30_000);
    }
  }

  /** Hangs up at once, resetting the connection (as a killed client or a closed tab does). */
  void abort() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
