package dev.ticketing.testing;

import dev.ticketing.auth.InvalidTokenException;
import dev.ticketing.auth.TokenClaims;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** Tokens as a test needs them: read back with the function's key, or signed with another key. */
public final class TestTokens {
  private TestTokens() {}

  /** The claims of a token the function signed; fails the test if it does not verify. */
  public static <T extends TokenClaims> T verify(
      ApplicationContext ctx, String token, Class<T> type, Instant now) {
    try {
      return ctx.getBean(TokenCodec.class).verify(token, type, now);
    } catch (InvalidTokenException e) {
      throw new AssertionError(e);
    }
  }

  /** A codec with a random key of its own: what it signs is a forgery to the function. */
  public static TokenCodec foreignCodec() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new TokenCodec(
        Settings.from(Map.of("TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(key))),
        JsonMapper.createDefault());
  }
}
