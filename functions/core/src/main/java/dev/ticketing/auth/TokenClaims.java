package dev.ticketing.auth;

/** The claims of a signed token; every token expires ({@code exp}, epoch seconds). */
public interface TokenClaims {
  long exp();
}
