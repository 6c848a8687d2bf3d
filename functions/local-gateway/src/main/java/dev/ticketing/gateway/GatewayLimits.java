package dev.ticketing.gateway;

import dev.ticketing.error.RequestBodyGuard;
import java.time.Duration;

/**
 * What the gateway allows a client, so that no client can pin it: how long a request's headers and
 * body may take to arrive, how long an idle keep-alive connection is kept, how many connections one
 * address may hold, how large a request may be, and how many threads run functions.
 */
record GatewayLimits(
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    int maxConnectionsPerClient,
    int maxRequestLineBytes,
    int maxHeaderBytes,
    int maxHeaders,
    int maxBodyBytes,
    int functionThreads) {

  /** Idle keep-alive connections are kept longer than browsers and HTTP clients keep theirs. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  static GatewayLimits standard(int maxConnectionsPerClient) {
    return new GatewayLimits(
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        IDLE_TIMEOUT,
        maxConnectionsPerClient,
        8 * 1024,
        16 * 1024,
        100,
        RequestBodyGuard.MAX_BODY_BYTES,
        256);
  }

  GatewayLimits withTimeouts(Duration headers, Duration body) {
    return new GatewayLimits(
        headers,
        body,
        idleTimeout,
        maxConnectionsPerClient,
        maxRequestLineBytes,
        maxHeaderBytes,
        maxHeaders,
        maxBodyBytes,
        functionThreads);
  }
}
