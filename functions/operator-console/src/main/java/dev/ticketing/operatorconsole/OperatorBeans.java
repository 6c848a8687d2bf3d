package dev.ticketing.operatorconsole;

import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** The operator token codec of the console's context, from its {@link OperatorCredentials}. */
@Factory
@Requires(env = FunctionEnvironments.OPERATOR_CONSOLE)
public class OperatorBeans {
  @Singleton
  public OperatorTokens operatorTokens(OperatorCredentials credentials, JsonMapper json) {
    return new OperatorTokens(credentials, json);
  }
}
