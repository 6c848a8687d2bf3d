package dev.ticketing.operatorconsole;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/operator/login} {@code {"operator", "password"}}: a short-lived operator token,
 * or 401 {@code invalid_credentials} (the same for an unknown name and a wrong password, in the
 * same time). On AWS the web ACL limits its rate per viewer address.
 */
@Controller("/api/operator/login")
@Requires(env = FunctionEnvironments.OPERATOR_CONSOLE)
public class OperatorLoginController {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorLoginController.class);
  private static final int MAX_FIELD = 200;

  private final OperatorCredentials credentials;
  private final OperatorTokens tokens;
  private final Clock clock;

  public OperatorLoginController(
      OperatorCredentials credentials, OperatorTokens tokens, Clock clock) {
    this.credentials = credentials;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Serdeable
  public record LoggedIn(String token, String operator, Instant expiresAt) {}

  @Post
  public HttpResponse<LoggedIn> login(HttpRequest<?> request) {
    JsonNode body = body(request);
    String operator = field(body, "operator");
    String password = field(body, "password");
    String who =
        credentials
            .authenticate(operator, password.toCharArray())
            .orElseThrow(
                () -> {
                  LOG.warn("operator login refused for '{}'", operator);
                  return new ApiException(
                      HttpStatus.UNAUTHORIZED,
                      ErrorCode.INVALID_CREDENTIALS,
                      "Unknown operator or wrong password.");
                });
    OperatorTokens.Issued issued = tokens.issue(who, clock.instant());
    LOG.info("operator '{}' logged in", who);
    return HttpResponse.ok(new LoggedIn(issued.token(), who, issued.expiresAt()))
        .header("Cache-Control", "no-store");
  }

  private static String field(JsonNode body, String name) {
    JsonNode value = body == null ? null : body.get(name);
    if (value == null
        || !value.isString()
        || value.getStringValue().isEmpty()
        || value.getStringValue().length() > MAX_FIELD) {
      throw ApiException.badRequest(
          ErrorCode.BAD_REQUEST, "Send {\"operator\": name, \"password\": password}.");
    }
    return value.getStringValue();
  }

  static JsonNode body(HttpRequest<?> request) {
    try {
      return request.getBody(JsonNode.class).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
