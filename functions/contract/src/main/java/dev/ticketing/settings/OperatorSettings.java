package dev.ticketing.settings;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator console and its authorizer read (and no other function): the key that signs
 * operator tokens ({@code OPERATOR_TOKEN_KEY}, base64 of at least 32 bytes; never the buyers'
 * {@code TOKEN_SIGNING_KEY}), how long a token lasts, and the operator accounts ({@code
 * OPERATOR_ACCOUNTS}: a JSON object of name to salted PBKDF2 hash, docs/deploy.md). On AWS both
 * secrets are named by ARN and read from Secrets Manager at start.
 */
public record OperatorSettings(
    Optional<byte[]> tokenKey,
    Optional<String> tokenKeySecretArn,
    Optional<String> accounts,
    Optional<String> accountsSecretArn,
    int tokenTtlSeconds) {

  public static OperatorSettings from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new OperatorSettings(
        r.optional("OPERATOR_TOKEN_KEY").map(OperatorSettings::decodeKey),
        r.optional("OPERATOR_TOKEN_KEY_SECRET_ARN"),
        r.optional("OPERATOR_ACCOUNTS"),
        r.optional("OPERATOR_ACCOUNTS_SECRET_ARN"),
        r.integer("OPERATOR_TOKEN_TTL_SECONDS", 900, 60, 3_600));
  }

  private static byte[] decodeKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("OPERATOR_TOKEN_KEY", "must be base64");
    }
    if (key.length < StoreSettings.MIN_SIGNING_KEY_BYTES) {
      throw new InvalidSettingException(
          "OPERATOR_TOKEN_KEY",
          "must decode to at least " + StoreSettings.MIN_SIGNING_KEY_BYTES + " bytes");
    }
    return key;
  }
}
