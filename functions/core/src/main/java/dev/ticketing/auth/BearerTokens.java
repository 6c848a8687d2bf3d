package dev.ticketing.auth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.util.Optional;

/** Reads {@code Authorization: Bearer <token>}. */
public final class BearerTokens {
  private static final String PREFIX = "Bearer ";

  private BearerTokens() {}

  public static Optional<String> from(HttpRequest<?> request) {
    return request
        .getHeaders()
        .findFirst(HttpHeaders.AUTHORIZATION)
        .filter(h -> h.regionMatches(true, 0, PREFIX, 0, PREFIX.length()))
        .map(h -> h.substring(PREFIX.length()).trim())
        .filter(t -> !t.isEmpty());
  }
}
