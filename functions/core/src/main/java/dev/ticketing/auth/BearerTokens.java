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
        .flatMap(BearerTokens::fromHeader);
  }

  /** The token of an {@code Authorization} header's value, if it is a bearer token. */
  public static Optional<String> fromHeader(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(PREFIX.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
