package dev.ticketing.operatorconsole;

import dev.ticketing.auth.BearerTokens;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The check in front of every operator route but the login: a valid operator token, else 401 {@code
 * operator_auth_required}. On AWS API Gateway's authorizer has checked it already; checking here
 * too keeps the function safe however it is invoked (and is the only check locally).
 */
@Singleton
@Requires(env = FunctionEnvironments.OPERATOR_CONSOLE)
public class OperatorGate {
  private final OperatorTokens tokens;
  private final Clock clock;

  public OperatorGate(OperatorTokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The operator the request's token names. */
  public String operator(HttpRequest<?> request) {
    return BearerTokens.from(request)
        .flatMap(token -> tokens.verify(token, clock.instant()))
        .orElseThrow(OperatorGate::refused);
  }

  static ApiException refused() {
    return new ApiException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.OPERATOR_AUTH_REQUIRED,
        "Log in as an operator: this needs a valid operator token.");
  }
}
