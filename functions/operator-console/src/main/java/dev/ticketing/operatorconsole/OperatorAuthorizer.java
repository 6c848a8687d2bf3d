package dev.ticketing.operatorconsole;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.ticketing.auth.BearerTokens;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's Lambda REQUEST authorizer of the operator routes (every one but the login): allows
 * the request when its {@code Authorization: Bearer} token is a valid operator token, and passes
 * the operator's name on as the principal; anything else is API Gateway's 401 ({@code
 * operator_auth_required}). It needs nothing but the operator token key: no VPC, no store, no
 * Micronaut context.
 */
public class OperatorAuthorizer
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final OperatorTokens tokens;
  private final Clock clock;

  public OperatorAuthorizer() {
    this(
        OperatorCredentials.of(
            OperatorSecrets.resolve(System.getenv()), JsonMapper.createDefault()),
        Clock.systemUTC());
  }

  OperatorAuthorizer(OperatorCredentials credentials, Clock clock) {
    this.tokens = new OperatorTokens(credentials, JsonMapper.createDefault());
    this.clock = clock;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String operator =
        authorization(event)
            .flatMap(BearerTokens::fromHeader)
            .flatMap(token -> tokens.verify(token, clock.instant()))
            // API Gateway answers 401 to exactly this message.
            .orElseThrow(() -> new IllegalStateException("Unauthorized"));
    return Map.of(
        "principalId",
        operator,
        "policyDocument",
        Map.of(
            "Version",
            "2012-10-17",
            "Statement",
            List.of(
                Map.of(
                    "Action",
                    "execute-api:Invoke",
                    "Effect",
                    "Allow",
                    "Resource",
                    String.valueOf(event.get("methodArn"))))),
        "context",
        Map.of("operator", operator));
  }

  /** The {@code Authorization} header, its name in any case. */
  private static Optional<String> authorization(Map<String, Object> event) {
    if (!(event.get("headers") instanceof Map<?, ?> headers)) {
      return Optional.empty();
    }
    for (Map.Entry<?, ?> h : headers.entrySet()) {
      if ("authorization".equalsIgnoreCase(String.valueOf(h.getKey()))
          && h.getValue() instanceof String value) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
