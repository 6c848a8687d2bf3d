package dev.ticketing.bench.hotpath;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * The load driver's HTTP side: blocking keep-alive HTTP/1.1 connections (the JDK's pooled {@code
 * HttpURLConnection}), one per driver thread, so the driver spends far less CPU per request than
 * the server it measures (the JDK's asynchronous client spent more than the gateway).
 */
final class Driver {
  private final String base;
  private final ExecutorService threads;

  /** An answer: status (-1 when the request failed), body (gunzipped), ETag, nanoseconds taken. */
  record Answer(int status, String body, String etag, long nanos) {}

  /** {@code threads}: the most requests in flight (and keep-alive connections). */
  Driver(int port, int threads) {
    System.setProperty("http.maxConnections", Integer.toString(threads));
    System.setProperty("http.keepAlive", "true");
    this.base = "http://127.0.0.1:" + port;
    this.threads = Executors.newFixedThreadPool(threads, r -> daemon(r));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(null, r, "driver", 256 * 1024);
    t.setDaemon(true);
    return t;
  }

  Call request(String path) {
    return new Call(path).header("Accept-Encoding", "gzip");
  }

  CompletableFuture<Answer> send(Call call) {
    return CompletableFuture.supplyAsync(() -> sendNow(call), threads);
  }

  Answer sendNow(Call call) {
    long sent = System.nanoTime();
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(base + call.path).toURL().openConnection();
      c.setConnectTimeout(10_000);
      c.setReadTimeout(60_000);
      c.setRequestMethod(call.method);
      call.headers.forEach(c::setRequestProperty);
      if (call.body != null && !call.body.isEmpty()) {
        byte[] body = call.body.getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body);
        }
      }
      int status = c.getResponseCode();
      byte[] bytes;
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        bytes = in == null ? new byte[0] : in.readAllBytes();
      }
      String body = text(bytes, "gzip".equals(c.getHeaderField("Content-Encoding")));
      return new Answer(status, body, c.getHeaderField("ETag"), System.nanoTime() - sent);
    } catch (IOException e) {
      return new Answer(-1, e.toString(), null, System.nanoTime() - sent);
    }
  }

  private static String text(byte[] body, boolean gzip) {
    if (!gzip) {
      return new String(body, StandardCharsets.UTF_8);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
