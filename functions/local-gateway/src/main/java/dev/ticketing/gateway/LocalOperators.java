package dev.ticketing.gateway;

import dev.ticketing.operatorconsole.OperatorCredentials;
import dev.ticketing.operatorconsole.PasswordHashes;
import dev.ticketing.settings.OperatorSettings;
import io.micronaut.json.JsonMapper;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console's accounts on this machine: {@code OPERATOR_ACCOUNTS} when set (hashes, as
 * on AWS), else one operator, {@value #OPERATOR}, whose password is {@code OPERATOR_PASSWORD} or,
 * when that is unset, a random one printed once at start (like Jenkins's first admin password). The
 * operator token key is {@code OPERATOR_TOKEN_KEY} or a random one per start.
 */
final class LocalOperators {
  static final String OPERATOR = "operator";
  private static final Logger LOG = LoggerFactory.getLogger("gateway");
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalOperators() {}

  static OperatorCredentials credentials(Map<String, String> env, GatewaySettings gateway) {
    OperatorSettings settings = OperatorSettings.from(env);
    byte[] key = settings.tokenKey().orElseGet(() -> randomBytes(32));
    Duration ttl = Duration.ofSeconds(settings.tokenTtlSeconds());
    JsonMapper json = JsonMapper.createDefault();
    if (settings.accounts().isPresent()) {
      OperatorCredentials credentials =
          new OperatorCredentials(
              key, OperatorCredentials.accounts(settings.accounts().get(), json), ttl);
      LOG.info(
          "operator console: {} operator(s) from OPERATOR_ACCOUNTS (/operator)",
          credentials.operatorCount());
      return credentials;
    }
    String password;
    if (gateway.operatorPassword().isPresent()) {
      password = gateway.operatorPassword().get();
      LOG.info(
          "operator console: log in as '{}' with the password in OPERATOR_PASSWORD (/operator)",
          OPERATOR);
    } else {
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(15));
      LOG.info(
          "operator console: log in as '{}' with password {} (printed once; set OPERATOR_PASSWORD"
              + " to choose it)",
          OPERATOR,
          password);
    }
    return new OperatorCredentials(
        key, Map.of(OPERATOR, PasswordHashes.hash(password.toCharArray())), ttl);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
