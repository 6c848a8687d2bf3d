package dev.ticketing.cdk;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/** Secrets that Secrets Manager generates at deploy time, so no value is ever in code or repo. */
final class GeneratedSecrets {
  private GeneratedSecrets() {}

  /**
   * 64 random letters and digits: valid wherever a secret goes (an ElastiCache AUTH token forbids
   * {@code @ " /}; the token signing key is read as base64, whose alphabet they belong to).
   */
  static Secret alphanumeric(Construct scope, String id, String description) {
    return Secret.Builder.create(scope, id)
        .description(description)
        .generateSecretString(
            SecretStringGenerator.builder()
                .passwordLength(64)
                .excludePunctuation(true)
                .includeSpace(false)
                .build())
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
  }
}
