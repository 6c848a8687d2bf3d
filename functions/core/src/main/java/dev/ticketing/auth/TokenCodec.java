package dev.ticketing.auth;

import dev.ticketing.config.Secrets;
import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.Settings;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Compact JWTs signed with HMAC-SHA256 (HS256). Claims are a {@link TokenClaims} record; a token
 * verifies only with an intact signature and an {@code exp} in the future. The key comes from
 * {@code TOKEN_SIGNING_KEY} (Secrets Manager on AWS) and is never written anywhere.
 */
@Singleton
public class TokenCodec {
  private static final String HEADER =
      b64(("{\"alg\":\"HS256\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Secrets secrets;
  private final JsonMapper json;

  @Inject
  public TokenCodec(Secrets secrets, JsonMapper json) {
    if (!secrets.hasSigningKey()) {
      throw new InvalidSettingException("TOKEN_SIGNING_KEY", "is required");
    }
    this.secrets = secrets;
    this.json = json;
  }

  /** A codec with the key of {@code settings}, never reloaded (tests, tools). */
  public TokenCodec(Settings settings, JsonMapper json) {
    this(Secrets.of(settings), json);
  }

  public String sign(TokenClaims claims) {
    try {
      String payload = b64(json.writeValueAsBytes(claims));
      String signingInput = HEADER + "." + payload;
      return signingInput + "." + b64(mac(signingInput));
    } catch (IOException e) {
      throw new IllegalStateException("claims not serializable", e);
    }
  }

  public <T extends TokenClaims> T verify(String token, Class<T> type, Instant now)
      throws InvalidTokenException {
    if (token == null || token.length() > 2048) {
      throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED);
    }
    int first = token.indexOf('.');
    int last = token.lastIndexOf('.');
    if (first <= 0 || last == first || last == token.length() - 1) {
      throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED);
    }
    String signingInput = token.substring(0, last);
    byte[] signature;
    try {
      signature = DECODER.decode(token.substring(last + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED);
    }
    if (!token.substring(0, first).equals(HEADER)
        || !MessageDigest.isEqual(signature, mac(signingInput))) {
      throw new InvalidTokenException(InvalidTokenException.Reason.BAD_SIGNATURE);
    }
    T claims;
    try {
      claims = json.readValue(DECODER.decode(token.substring(first + 1, last)), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED);
    }
    if (claims == null) {
      throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED);
    }
    if (claims.exp() <= now.getEpochSecond()) {
      throw new InvalidTokenException(InvalidTokenException.Reason.EXPIRED);
    }
    return claims;
  }

  private byte[] mac(String input) {
    return secrets.hmacSha256(input.getBytes(StandardCharsets.US_ASCII));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
