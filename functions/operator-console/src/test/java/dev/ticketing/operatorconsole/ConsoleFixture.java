package dev.ticketing.operatorconsole;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.ApiResponses;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/** The console function on the test stores, with one operator account: {@value #OPERATOR}. */
final class ConsoleFixture implements AutoCloseable {
  static final String OPERATOR = "ana";
  static final String PASSWORD = "correct horse battery";

  final OperatorCredentials credentials;
  final ApplicationContext ctx;
  final OperatorConsoleFunction function;

  ConsoleFixture() {
    credentials =
        new OperatorCredentials(
            randomKey(),
            Map.of(OPERATOR, PasswordHashes.hash(PASSWORD.toCharArray())),
            Duration.ofMinutes(15));
    ctx = OperatorConsoleFunction.start(TestStores.settings(), credentials);
    function = new OperatorConsoleFunction(ctx);
  }

  static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  APIGatewayProxyResponseEvent send(ApiEvents request) {
    return function.handleRequest(request.build(), null);
  }

  APIGatewayProxyResponseEvent login(String operator, String password) {
    return send(
        ApiEvents.post("/api/operator/login")
            .json("{\"operator\":\"" + operator + "\",\"password\":\"" + password + "\"}"));
  }

  /** A token of {@value #OPERATOR}, by logging in. */
  String token() {
    return (String) ApiResponses.body(login(OPERATOR, PASSWORD)).get("token");
  }

  @Override
  public void close() {
    function.close();
  }
}
