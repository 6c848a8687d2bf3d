package dev.ticketing.operatorconsole;

import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.function.SecretResolver;
import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * Lambda handler: the operator console's API. It signs no buyer token, so it needs the stores but
 * not {@code TOKEN_SIGNING_KEY}; its own secrets are the operator token key and the accounts
 * ({@link OperatorCredentials}). No SnapStart: an operator's few requests do not need it, and so no
 * snapshot ever holds the operator secrets.
 */
public class OperatorConsoleFunction extends ApiGatewayProxyRequestEventFunction {
  public OperatorConsoleFunction() {
    super(startFromEnvironment());
  }

  public OperatorConsoleFunction(ApplicationContext context) {
    super(context);
  }

  /** The console's context against {@code settings}, authenticating with {@code credentials}. */
  public static ApplicationContext start(Settings settings, OperatorCredentials credentials) {
    return FunctionContexts.builder(FunctionEnvironments.OPERATOR_CONSOLE, settings)
        .singletons(credentials)
        .start();
  }

  private static ApplicationContext startFromEnvironment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(SecretResolver.resolve(Settings.from(env)));
    Settings settings = Settings.from(env);
    if (settings.stores().databaseUrl().isEmpty()) {
      throw new InvalidSettingException("DATABASE_URL", "is required");
    }
    if (settings.stores().redisUrl().isEmpty()) {
      throw new InvalidSettingException("REDIS_URL", "is required");
    }
    OperatorCredentials credentials =
        OperatorCredentials.of(OperatorSecrets.resolve(env), JsonMapper.createDefault());
    return start(settings, credentials);
  }
}
