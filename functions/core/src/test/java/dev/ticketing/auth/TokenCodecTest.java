package dev.ticketing.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
  private static ApplicationContext json;
  private static TokenCodec codec;
  private static TokenCodec otherKey;
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @BeforeAll
  static void start() {
    json = ApplicationContext.builder().deduceEnvironment(false).start();
    codec = new TokenCodec(settingsWithRandomKey(), json.getBean(JsonMapper.class));
    otherKey = new TokenCodec(settingsWithRandomKey(), json.getBean(JsonMapper.class));
  }

  @AfterAll
  static void stop() {
    json.close();
  }

  private static Settings settingsWithRandomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Settings.from(Map.of("TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(key)));
  }

  private static AccessClaims claims(long exp) {
    return new AccessClaims(7, 42, "session-1", exp);
  }

  @Test
  void aSignedTokenVerifiesToTheSameClaims() throws Exception {
    String token = codec.sign(claims(NOW.getEpochSecond() + 60));
    assertEquals(claims(NOW.getEpochSecond() + 60), codec.verify(token, AccessClaims.class, NOW));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsForged() {
    String token = otherKey.sign(claims(NOW.getEpochSecond() + 60));
    assertReason(InvalidTokenException.Reason.BAD_SIGNATURE, token);
  }

  @Test
  void aTamperedPayloadBreaksTheSignature() {
    String token = codec.sign(claims(NOW.getEpochSecond() + 60));
    String[] parts = token.split("\\.");
    String forgedPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"perf\":8,\"tkt\":42,\"sid\":\"session-1\",\"exp\":9999999999}".getBytes());
    assertReason(
        InvalidTokenException.Reason.BAD_SIGNATURE,
        parts[0] + "." + forgedPayload + "." + parts[2]);
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = codec.sign(claims(NOW.getEpochSecond()));
    assertReason(InvalidTokenException.Reason.EXPIRED, token);
  }

  @Test
  void truncatedAndGarbageTokensAreMalformed() {
    String token = codec.sign(claims(NOW.getEpochSecond() + 60));
    assertReason(
        InvalidTokenException.Reason.MALFORMED, token.substring(0, token.lastIndexOf('.')));
    assertReason(InvalidTokenException.Reason.MALFORMED, "not-a-token");
    assertReason(InvalidTokenException.Reason.MALFORMED, "");
  }

  private static void assertReason(InvalidTokenException.Reason reason, String token) {
    InvalidTokenException e =
        assertThrows(
            InvalidTokenException.class, () -> codec.verify(token, AccessClaims.class, NOW));
    assertEquals(reason, e.reason());
  }
}
