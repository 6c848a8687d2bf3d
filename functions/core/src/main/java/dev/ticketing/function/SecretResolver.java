package dev.ticketing.function;

import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Turns the secrets a deployment names by ARN (database credentials, Redis AUTH token, token
 * signing key) into the plain variables {@link Settings} reads, at start and again after each
 * SnapStart restore ({@code dev.ticketing.config.Secrets}). Local runs name no ARN and skip Secrets
 * Manager entirely.
 */
public final class SecretResolver {
  private SecretResolver() {}

  public static Map<String, String> resolve(Settings settings) {
    if (!settings.stores().namesSecrets()) {
      return Map.of();
    }
    try (SecretsManagerClient client =
        SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      return resolve(settings, arn -> client.getSecretValue(b -> b.secretId(arn)).secretString());
    }
  }

  /** The variables to add, given a way to read a secret's string by ARN. */
  static Map<String, String> resolve(Settings s, UnaryOperator<String> secrets) {
    Map<String, String> vars = new HashMap<>();
    s.stores()
        .databaseSecretArn()
        .ifPresent(
            arn -> {
              Map<String, JsonNode> secret = JsonNode.parser().parse(secrets.apply(arn)).asObject();
              vars.put("DATABASE_USER", field(secret, "username", "DATABASE_SECRET_ARN"));
              vars.put("DATABASE_PASSWORD", field(secret, "password", "DATABASE_SECRET_ARN"));
            });
    s.stores()
        .appDatabaseSecretArn()
        .ifPresent(
            arn -> {
              Map<String, JsonNode> secret = JsonNode.parser().parse(secrets.apply(arn)).asObject();
              vars.put("APP_DATABASE_USER", field(secret, "username", "APP_DATABASE_SECRET_ARN"));
              vars.put(
                  "APP_DATABASE_PASSWORD", field(secret, "password", "APP_DATABASE_SECRET_ARN"));
            });
    s.stores()
        .redisAuthSecretArn()
        .ifPresent(
            arn -> {
              String url =
                  s.stores()
                      .redisUrl()
                      .orElseThrow(
                          () -> new InvalidSettingException("REDIS_URL", "required with AUTH"));
              String token = secrets.apply(arn).trim();
              vars.put("REDIS_URL", url.replaceFirst("^(rediss?://)", "$1default:" + token + "@"));
              s.stores()
                  .redisReaderUrl()
                  .ifPresent(
                      reader ->
                          vars.put(
                              "REDIS_READER_URL",
                              reader.replaceFirst("^(rediss?://)", "$1default:" + token + "@")));
            });
    s.stores()
        .tokenSigningKeySecretArn()
        .ifPresent(arn -> vars.put("TOKEN_SIGNING_KEY", secrets.apply(arn).trim()));
    return vars;
  }

  private static String field(Map<String, JsonNode> secret, String name, String variable) {
    JsonNode node = secret.get(name);
    if (node == null || !node.isString()) {
      throw new InvalidSettingException(variable, "secret has no '" + name + "'");
    }
    return node.asString();
  }
}
