package dev.ticketing.operatorconsole;

import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.OperatorSettings;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the operator console authenticates with, resolved once at start (the function runs without
 * SnapStart, so no snapshot ever holds them): the operator token key and the operator accounts
 * (name to {@link PasswordHashes} hash). Names starting with {@code _} are ignored (the placeholder
 * Secrets Manager generates before the first operator is added).
 */
public final class OperatorCredentials {
  private final byte[] tokenKey;
  private final Map<String, String> accounts;
  private final Duration tokenTtl;

  public OperatorCredentials(byte[] tokenKey, Map<String, String> accounts, Duration tokenTtl) {
    this.tokenKey = tokenKey.clone();
    this.accounts = Map.copyOf(accounts);
    this.tokenTtl = tokenTtl;
  }

  /** From settings whose secrets are already resolved (plain values, no ARNs left). */
  public static OperatorCredentials of(OperatorSettings settings, JsonMapper json) {
    byte[] key =
        settings
            .tokenKey()
            .orElseThrow(
                () ->
                    new InvalidSettingException(
                        "OPERATOR_TOKEN_KEY", "is required (or OPERATOR_TOKEN_KEY_SECRET_ARN)"));
    return new OperatorCredentials(
        key,
        settings.accounts().map(a -> accounts(a, json)).orElse(Map.of()),
        Duration.ofSeconds(settings.tokenTtlSeconds()));
  }

  /** A JSON object of operator name to password hash. */
  public static Map<String, String> accounts(String text, JsonMapper json) {
    JsonNode root;
    try {
      root = json.readValue(text, JsonNode.class);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new InvalidSettingException(
          "OPERATOR_ACCOUNTS", "must be a JSON object of operator name to password hash");
    }
    Map<String, String> accounts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.entries()) {
      if (e.getKey().startsWith("_")) {
        continue;
      }
      if (!e.getValue().isString() || !PasswordHashes.wellFormed(e.getValue().getStringValue())) {
        throw new InvalidSettingException(
            "OPERATOR_ACCOUNTS",
            "the hash of operator '"
                + e.getKey()
                + "' is not a "
                + PasswordHashes.SCHEME
                + " hash");
      }
      accounts.put(e.getKey(), e.getValue().getStringValue());
    }
    return accounts;
  }

  /** A fresh key object per use: nothing outside this holder keeps the key bytes. */
  public SecretKeySpec tokenKey() {
    return new SecretKeySpec(tokenKey, "HmacSHA256");
  }

  public Duration tokenTtl() {
    return tokenTtl;
  }

  /** The operator whose password this is, if {@code name} has an account and it matches. */
  public Optional<String> authenticate(String name, char[] password) {
    String hash = accounts.get(name);
    if (hash == null) {
      PasswordHashes.burn(password);
      return Optional.empty();
    }
    boolean ok = PasswordHashes.matches(password, hash);
    Arrays.fill(password, '\0');
    return ok ? Optional.of(name) : Optional.empty();
  }

  public int operatorCount() {
    return accounts.size();
  }
}
