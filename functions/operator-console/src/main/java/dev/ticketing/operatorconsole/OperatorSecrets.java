package dev.ticketing.operatorconsole;

import dev.ticketing.settings.OperatorSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The operator settings with their secrets read: on AWS the token key and the accounts are named by
 * ARN ({@code OPERATOR_TOKEN_KEY_SECRET_ARN}, {@code OPERATOR_ACCOUNTS_SECRET_ARN}) and read from
 * Secrets Manager; locally they are plain variables and Secrets Manager is never asked.
 */
final class OperatorSecrets {
  private OperatorSecrets() {}

  static OperatorSettings resolve(Map<String, String> env) {
    OperatorSettings named = OperatorSettings.from(env);
    if (named.tokenKeySecretArn().isEmpty() && named.accountsSecretArn().isEmpty()) {
      return named;
    }
    try (SecretsManagerClient client =
        SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      return resolve(env, arn -> client.getSecretValue(b -> b.secretId(arn)).secretString());
    }
  }

  static OperatorSettings resolve(Map<String, String> env, UnaryOperator<String> secrets) {
    OperatorSettings named = OperatorSettings.from(env);
    Map<String, String> resolved = new HashMap<>(env);
    named
        .tokenKeySecretArn()
        .ifPresent(arn -> resolved.put("OPERATOR_TOKEN_KEY", secrets.apply(arn).trim()));
    named
        .accountsSecretArn()
        .ifPresent(arn -> resolved.put("OPERATOR_ACCOUNTS", secrets.apply(arn)));
    return OperatorSettings.from(resolved);
  }
}
