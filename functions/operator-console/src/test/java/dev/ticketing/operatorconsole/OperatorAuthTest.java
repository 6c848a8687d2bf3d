package dev.ticketing.operatorconsole;

import static dev.ticketing.testing.ApiResponses.assertError;
import static dev.ticketing.testing.ApiResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.catalog.Performance;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestSessions;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operators log in with their own credential and get a short-lived token signed with the operator
 * key; every console route refuses anything else: no token, a buyer's token, a forgery, an expired
 * token. The authorizer API Gateway runs on AWS decides the same way.
 */
class OperatorAuthTest {
  private static ConsoleFixture console;
  private static Performance performance;

  @BeforeAll
  static void start() {
    console = new ConsoleFixture();
    performance = TestPerformances.create(console.ctx, 1, 4);
  }

  @AfterAll
  static void stop() {
    console.close();
  }

  private APIGatewayProxyResponseEvent consoleWith(String token) {
    ApiEvents request =
        ApiEvents.get("/api/operator/performances/" + performance.id() + "/console");
    return console.send(token == null ? request : request.bearer(token));
  }

  @Test
  void theRightPasswordGivesAShortLivedOperatorTokenThatOpensTheConsole() {
    Instant before = Instant.now();
    APIGatewayProxyResponseEvent answer =
        console.login(ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD);
    assertEquals(200, answer.getStatusCode(), answer.getBody());
    Map<String, Object> body = body(answer);
    assertEquals(ConsoleFixture.OPERATOR, body.get("operator"));
    Instant expires = Instant.parse((String) body.get("expiresAt"));
    assertTrue(
        !expires.isBefore(before.plus(Duration.ofMinutes(15)).minusSeconds(1))
            && expires.isBefore(Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(1)),
        "expires 15 minutes after the login: " + expires);

    APIGatewayProxyResponseEvent view = consoleWith((String) body.get("token"));
    assertEquals(200, view.getStatusCode(), view.getBody());
    assertEquals(performance.id(), ((Number) body(view).get("performanceId")).longValue());
  }

  @Test
  void aWrongPasswordAndAnUnknownOperatorAreTheSame401() {
    assertError(
        401, "invalid_credentials", console.login(ConsoleFixture.OPERATOR, "not the password"));
    assertError(401, "invalid_credentials", console.login("mallory", ConsoleFixture.PASSWORD));
  }

  @Test
  void aLoginWithoutNameOrPasswordIsA400() {
    assertError(
        400,
        "bad_request",
        console.send(ApiEvents.post("/api/operator/login").json("{\"operator\":\"ana\"}")));
    assertError(
        400, "bad_request", console.send(ApiEvents.post("/api/operator/login").json("[1]")));
  }

  @Test
  void noTokenIsRefused() {
    assertError(401, "operator_auth_required", consoleWith(null));
  }

  @Test
  void aBuyersAccessTokenIsRefused() {
    String buyer = TestSessions.open(console.ctx, performance.id()).accessToken();
    assertError(401, "operator_auth_required", consoleWith(buyer));
  }

  @Test
  void operatorClaimsSignedWithTheBuyersKeyAreRefused() {
    long exp = Instant.now().plusSeconds(600).getEpochSecond();
    String token =
        console
            .ctx
            .getBean(TokenCodec.class)
            .sign(
                new OperatorClaims(
                    ConsoleFixture.OPERATOR, OperatorClaims.AUDIENCE, exp - 600, exp));
    assertError(401, "operator_auth_required", consoleWith(token));
  }

  @Test
  void aForgedTokenIsRefused() {
    OperatorCredentials other =
        new OperatorCredentials(ConsoleFixture.randomKey(), Map.of(), Duration.ofMinutes(15));
    String forged =
        new OperatorTokens(other, JsonMapper.createDefault())
            .issue(ConsoleFixture.OPERATOR, Instant.now())
            .token();
    assertError(401, "operator_auth_required", consoleWith(forged));
    String tampered = console.token();
    tampered = tampered.substring(0, tampered.length() - 2) + "AA";
    assertError(401, "operator_auth_required", consoleWith(tampered));
  }

  @Test
  void anExpiredTokenIsRefused() {
    String expired =
        new OperatorTokens(console.credentials, JsonMapper.createDefault())
            .issue(ConsoleFixture.OPERATOR, Instant.now().minus(Duration.ofMinutes(16)))
            .token();
    assertError(401, "operator_auth_required", consoleWith(expired));
  }

  @Test
  void theAuthorizerAllowsAnOperatorTokenAndNothingElse() {
    OperatorAuthorizer authorizer = new OperatorAuthorizer(console.credentials, Clock.systemUTC());
    String arn =
        "arn:aws:execute-api:eu-west-1:123:abc/live/GET/api/operator/performances/1/console";
    Map<String, Object> allowed =
        authorizer.handleRequest(
            Map.of(
                "headers", Map.of("authorization", "Bearer " + console.token()), "methodArn", arn),
            null);
    assertEquals(ConsoleFixture.OPERATOR, allowed.get("principalId"));
    assertTrue(
        allowed.toString().contains("Allow") && allowed.toString().contains(arn),
        allowed.toString());

    String buyer = TestSessions.open(console.ctx, performance.id()).accessToken();
    for (Map<String, Object> refused :
        java.util.List.<Map<String, Object>>of(
            Map.of("headers", Map.of("Authorization", "Bearer " + buyer), "methodArn", arn),
            Map.of("headers", Map.of(), "methodArn", arn),
            Map.of("methodArn", arn))) {
      RuntimeException e =
          assertThrows(RuntimeException.class, () -> authorizer.handleRequest(refused, null));
      assertEquals("Unauthorized", e.getMessage());
    }
  }

  @Test
  void anUnknownPerformanceIsA404ForAnOperator() {
    assertError(
        404,
        "not_found",
        console.send(
            ApiEvents.get("/api/operator/performances/999999999/console").bearer(console.token())));
  }
}
