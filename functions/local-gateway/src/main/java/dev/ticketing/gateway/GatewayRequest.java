package dev.ticketing.gateway;

import io.netty.handler.codec.http.HttpHeaders;

/** A whole request as the gateway read it: the target as sent, headers, body, client address. */
record GatewayRequest(
    String method,
    String rawPath,
    String rawQuery,
    HttpHeaders headers,
    byte[] body,
    String sourceIp) {}
