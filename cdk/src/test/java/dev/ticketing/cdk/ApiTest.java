package dev.ticketing.cdk;

import static dev.ticketing.cdk.Json.at;
import static dev.ticketing.cdk.Json.list;
import static dev.ticketing.cdk.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ApiTest {
  private final Synthesized s = Synthesized.defaults();

  /** "METHOD /path" → the logical id of the alias its integration invokes. */
  private Map<String, String> routes() {
    Map<String, String> paths = new TreeMap<>();
    String root = (String) at(s.properties(s.stack.api().restApi()), "Name");
    for (String id : s.ofType("AWS::ApiGateway::Resource")) {
      paths.put(id, path(id));
    }
    assertTrue(root != null);
    Map<String, String> routes = new TreeMap<>();
    for (String id : s.ofType("AWS::ApiGateway::Method")) {
      Map<String, Object> m = s.properties(id);
      String method = (String) m.get("HttpMethod");
      if (method.equals("OPTIONS")) {
        continue;
      }
      assertEquals("AWS_PROXY", at(m, "Integration", "Type"), id);
      String alias = null;
      for (Object part : list(at(m, "Integration", "Uri", "Fn::Join", 1))) {
        if (part instanceof Map<?, ?> ref
            && ref.get("Ref") instanceof String r
            && !r.startsWith("AWS::")) {
          alias = r;
        }
        if (part instanceof Map<?, ?> ref && ref.get("Fn::GetAtt") instanceof List<?> att) {
          alias = (String) att.get(0); // a function without an alias (the operator console)
        }
      }
      routes.put(method + " " + paths.get((String) at(m, "ResourceId", "Ref")), alias);
    }
    return routes;
  }

  private String path(String resourceId) {
    Map<String, Object> r = s.properties(resourceId);
    Object parent = r.get("ParentId");
    String prefix = at(parent, "Ref") instanceof String p ? path(p) : "";
    return prefix + "/" + r.get("PathPart");
  }

  private String alias(String module) {
    return s.logicalId(s.stack.functions().api(module).alias());
  }

  @Test
  void eachRouteIsProxiedToItsOwnFunctionsAlias() {
    String listSeats = alias("list-seats");
    String reserve = alias("reserve-seat");
    String issue = alias("issue-ticket");
    String poll = alias("poll-position");
    Map<String, String> expected = new TreeMap<>();
    expected.put("GET /api/performances", listSeats);
    expected.put("GET /api/performances/{id}", listSeats);
    expected.put("GET /api/performances/{id}/seats", listSeats);
    expected.put("POST /api/performances/{id}/reservations", reserve);
    expected.put("GET /api/performances/{id}/reservations/{rid}", reserve);
    expected.put("DELETE /api/performances/{id}/reservations/{rid}", reserve);
    expected.put("POST /api/performances/{id}/reservations/{rid}/confirm", reserve);
    expected.put("POST /api/performances/{id}/queue", issue);
    expected.put("GET /api/performances/{id}/queue", poll);
    expected.put("DELETE /api/performances/{id}/queue", poll);
    expected.put("GET /api/performances/{id}/queue/state", poll);
    expected.put("GET /api/performances/{id}/queue/challenge", issue);
    // Wrong methods reach the function that owns the resource and get its JSON 405.
    expected.put("ANY /api/performances", listSeats);
    expected.put("ANY /api/performances/{id}", listSeats);
    expected.put("ANY /api/performances/{id}/seats", listSeats);
    expected.put("ANY /api/performances/{id}/reservations", reserve);
    expected.put("ANY /api/performances/{id}/reservations/{rid}", reserve);
    expected.put("ANY /api/performances/{id}/reservations/{rid}/confirm", reserve);
    expected.put("ANY /api/performances/{id}/queue", poll);
    expected.put("ANY /api/performances/{id}/queue/state", poll);
    expected.put("ANY /api/performances/{id}/queue/challenge", issue);
    String console = s.logicalId(s.stack.functions().operatorConsole().function());
    for (String resource :
        List.of(
            "/api/operator/login",
            "/api/operator/performances/{id}/console",
            "/api/operator/performances/{id}/actions",
            "/api/operator/performances/{id}/audit")) {
      expected.put("ANY " + resource, console);
    }
    expected.put("POST /api/operator/login", console);
    expected.put("GET /api/operator/performances/{id}/console", console);
    expected.put("POST /api/operator/performances/{id}/actions", console);
    expected.put("GET /api/operator/performances/{id}/audit", console);
    assertEquals(expected, routes());
  }

  /** "METHOD /path" of every method (but the preflights) → its authorization type. */
  private Map<String, String> authorizations() {
    Map<String, String> auth = new TreeMap<>();
    for (String id : s.ofType("AWS::ApiGateway::Method")) {
      Map<String, Object> m = s.properties(id);
      if (!"OPTIONS".equals(m.get("HttpMethod"))) {
        String type = (String) m.getOrDefault("AuthorizationType", "NONE");
        if ("CUSTOM".equals(type)) {
          assertEquals(
              s.logicalId(s.stack.api().operatorAuthorizer()),
              at(m, "AuthorizerId", "Ref"),
              id + " uses the operator authorizer");
        }
        auth.put(m.get("HttpMethod") + " " + path((String) at(m, "ResourceId", "Ref")), type);
      }
    }
    return auth;
  }

  @Test
  void everyOperatorRouteButTheLoginIsBehindTheOperatorAuthorizerAndNoBuyerRouteIs() {
    Map<String, String> auth = authorizations();
    for (Map.Entry<String, String> route : auth.entrySet()) {
      boolean operator = route.getKey().contains(" /api/operator/");
      boolean login = route.getKey().endsWith(" /api/operator/login");
      assertEquals(operator && !login ? "CUSTOM" : "NONE", route.getValue(), route.getKey());
    }
    assertTrue(auth.keySet().stream().filter(r -> r.contains("/api/operator/")).count() >= 8);
  }

  @Test
  void theOperatorAuthorizerIsALambdaRequestAuthorizerOnTheAuthorizationHeaderWithoutCache() {
    Map<String, Object> a = s.properties(s.stack.api().operatorAuthorizer());
    assertEquals("REQUEST", a.get("Type"));
    assertEquals("method.request.header.Authorization", a.get("IdentitySource"));
    assertEquals(0, ((Number) a.get("AuthorizerResultTtlInSeconds")).intValue());
    Map<String, Object> fn = s.properties(s.stack.functions().operatorAuthorizer());
    assertEquals(dev.ticketing.routes.Function.OPERATOR_AUTHORIZER_HANDLER, fn.get("Handler"));
    assertTrue(fn.get("VpcConfig") == null, "needs no VPC: it reaches no store");
    Map<String, Object> env = map(at(fn, "Environment", "Variables"));
    assertEquals(Set.of("OPERATOR_TOKEN_KEY_SECRET_ARN"), env.keySet());
  }

  @Test
  void theOperatorLoginIsRateLimitedPerViewerByTheWebAcl() {
    Map<String, Object> acl = s.properties(s.stack.api().webAcl());
    Map<String, Object> rule =
        list(acl.get("Rules")).stream()
            .map(Json::map)
            .filter(r -> "OperatorLoginRate".equals(r.get("Name")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> rate = map(at(rule, "Statement", "RateBasedStatement"));
    assertEquals(Api.OPERATOR_LOGINS_PER_IP_PER_5_MIN, ((Number) rate.get("Limit")).intValue());
    assertEquals("FORWARDED_IP", rate.get("AggregateKeyType"));
    assertEquals(
        "/api/operator/login",
        at(rate, "ScopeDownStatement", "ByteMatchStatement", "SearchString"));
    assertTrue(at(rule, "Action", "Block") != null);
  }

  @Test
  void anUnauthorizedOperatorRequestGetsTheServicesJsonError() {
    boolean found = false;
    for (String id : s.ofType("AWS::ApiGateway::GatewayResponse")) {
      Map<String, Object> r = s.properties(id);
      if ("UNAUTHORIZED".equals(r.get("ResponseType"))) {
        found = true;
        assertEquals("401", r.get("StatusCode"));
        assertTrue(
            String.valueOf(r.get("ResponseTemplates")).contains("operator_auth_required"),
            r.toString());
      }
    }
    assertTrue(found);
  }

  @Test
  void apiGatewayMayInvokeEachAliasFromThisApiOnly() {
    for (String module : List.of("issue-ticket", "poll-position", "list-seats", "reserve-seat")) {
      s.template.hasResourceProperties(
          "AWS::Lambda::Permission",
          Map.of(
              "Principal",
              "apigateway.amazonaws.com",
              "FunctionName",
              s.ref(s.stack.functions().api(module).alias())));
    }
  }

  @Test
  void corsPreflightAdmitsOnlyTheSpaOrigin() {
    String distribution = s.logicalId(s.stack.website().distribution());
    int preflights = 0;
    for (String id : s.ofType("AWS::ApiGateway::Method")) {
      Map<String, Object> m = s.properties(id);
      if (!"OPTIONS".equals(m.get("HttpMethod"))) {
        continue;
      }
      preflights++;
      assertEquals("MOCK", at(m, "Integration", "Type"));
      Object origin =
          at(
              m,
              "Integration",
              "IntegrationResponses",
              0,
              "ResponseParameters",
              "method.response.header.Access-Control-Allow-Origin");
      assertEquals(
          Map.of(
              "Fn::Join",
              List.of(
                  "",
                  List.of(
                      "'https://",
                      Map.of("Fn::GetAtt", List.of(distribution, "DomainName")),
                      "'"))),
          origin);
    }
    assertEquals(dev.ticketing.routes.Routes.resources().size(), preflights, "one per resource");
  }

  @Test
  void stageIsThrottledAndWritesJsonAccessLogsWithTheRequestId() {
    Map<String, Object> stage = s.properties(s.stack.api().restApi().getDeploymentStage());
    assertEquals(Api.STAGE, stage.get("StageName"));
    Map<String, Object> settings = map(list(stage.get("MethodSettings")).get(0));
    assertEquals(5000, settings.get("ThrottlingRateLimit"));
    assertEquals(10000, settings.get("ThrottlingBurstLimit"));
    assertEquals("/*", settings.get("ResourcePath"));
    String format = (String) at(stage, "AccessLogSetting", "Format");
    Map<String, Object> line = Json.parse(format);
    assertEquals("$context.requestId", line.get("requestId"));
    assertTrue(at(stage, "AccessLogSetting", "DestinationArn") != null);
  }

  @Test
  void webAclRateLimitsEachViewerIpAndAdmitsOnlyCloudFront() {
    Map<String, Object> acl = s.properties(s.stack.api().webAcl());
    assertEquals("REGIONAL", acl.get("Scope"));
    Map<String, Map<String, Object>> rules = new TreeMap<>();
    for (Object rule : list(acl.get("Rules"))) {
      rules.put((String) map(rule).get("Name"), map(rule));
    }
    Map<String, Object> rate = rules.get("RatePerViewerIp");
    assertEquals(Map.of("Block", Map.of()), rate.get("Action"));
    Map<String, Object> statement = map(at(rate, "Statement", "RateBasedStatement"));
    assertEquals("FORWARDED_IP", statement.get("AggregateKeyType"));
    assertEquals(Api.VIEWER_IP_HEADER, at(statement, "ForwardedIPConfig", "HeaderName"));
    assertEquals(Api.DEFAULT_REQUESTS_PER_IP_PER_5_MIN, statement.get("Limit"));

    Map<String, Object> only = rules.get("OnlyViaCloudFront");
    Map<String, Object> match =
        map(at(only, "Statement", "NotStatement", "Statement", "ByteMatchStatement"));
    assertEquals(
        Map.of("Name", Api.ORIGIN_VERIFY_HEADER), at(match, "FieldToMatch", "SingleHeader"));
    assertTrue(Json.write(match.get("SearchString")).contains("resolve:secretsmanager"));

    s.template.hasResourceProperties(
        "AWS::WAFv2::WebACLAssociation",
        Map.of("WebACLArn", s.getAtt(s.stack.api().webAcl(), "Arn")));
    Object association =
        s.properties(s.ofType("AWS::WAFv2::WebACLAssociation").get(0)).get("ResourceArn");
    assertTrue(
        Json.write(association).contains(s.logicalId(s.stack.api().restApi().getDeploymentStage())),
        "the web ACL protects the stage: " + association);
  }

  @Test
  void fiftyBuyersBehindOneAddressWhoFollowTheCadenceAreNeverBlocked() {
    // A page that follows the cadence sends one request at a time, at most one a second (queue
    // polls no sooner than POLL_AFTER_MIN_SECONDS >= 1 s, the seat map's ?since= poll every
    // second), plus a few one-off requests: at most 300 + 10 in the rule's 5 minutes.
    assertTrue(Settings.from(Map.of()).queue().pollAfterMinSeconds() >= 1);
    int perPage = 300 + 10;
    Map<String, Object> rate =
        list(s.properties(s.stack.api().webAcl()).get("Rules")).stream()
            .map(Json::map)
            .filter(r -> "RatePerViewerIp".equals(r.get("Name")))
            .findFirst()
            .orElseThrow();
    int limit = ((Number) at(rate, "Statement", "RateBasedStatement", "Limit")).intValue();

    assertTrue(limit >= 50 * perPage, limit + " < 50 buyers x " + perPage);
    assertTrue(limit >= 50 * 2 * perPage, "and each may have a second tab open");
    assertEquals(300, at(rate, "Statement", "RateBasedStatement", "EvaluationWindowSec"));
  }

  @Test
  void theGatewaysOwnErrorsAreJson() {
    for (String type : List.of("THROTTLED", "WAF_FILTERED", "DEFAULT_4XX", "DEFAULT_5XX")) {
      s.template.hasResourceProperties(
          "AWS::ApiGateway::GatewayResponse",
          Map.of(
              "ResponseType",
              type,
              "ResponseTemplates",
              Map.of(
                  "application/json",
                  software.amazon.awscdk.assertions.Match.stringLikeRegexp("\\{\"error\":\".*"))));
    }
  }

  @Test
  void awsManagedRuleGroupsFollowOurOwnRulesAndEveryRequestIsLoggedWithoutSecrets() {
    Map<String, Object> acl = s.properties(s.stack.api().webAcl());
    List<String> managed = new java.util.ArrayList<>();
    for (Object rule : list(acl.get("Rules"))) {
      Object group = at(rule, "Statement", "ManagedRuleGroupStatement");
      if (group != null) {
        assertEquals("AWS", map(group).get("VendorName"));
        assertEquals(Map.of("None", Map.of()), map(rule).get("OverrideAction"));
        assertTrue((Integer) map(rule).get("Priority") >= 10, "after our own rules");
        managed.add((String) map(group).get("Name"));
      }
    }
    assertEquals(Api.MANAGED_RULE_GROUPS, managed);
    assertTrue(managed.contains("AWSManagedRulesCommonRuleSet"));
    assertTrue(managed.contains("AWSManagedRulesKnownBadInputsRuleSet"));
    assertTrue(managed.contains("AWSManagedRulesAmazonIpReputationList"));

    Map<String, Object> logging = s.properties(s.ofType("AWS::WAFv2::LoggingConfiguration").get(0));
    assertEquals(s.getAtt(s.stack.api().webAcl(), "Arn"), logging.get("ResourceArn"));
    String destination = Json.write(logging.get("LogDestinationConfigs"));
    assertTrue(destination.contains(":log-group:aws-waf-logs-ticketing-prod"), destination);
    assertEquals(
        Json.write(
            List.of(
                Map.of("SingleHeader", Map.of("Name", Api.ORIGIN_VERIFY_HEADER)),
                Map.of("SingleHeader", Map.of("Name", "authorization")))),
        Json.write(logging.get("RedactedFields")));
    s.template.hasResourceProperties(
        "AWS::Logs::LogGroup",
        Map.of("LogGroupName", "aws-waf-logs-ticketing-prod", "RetentionInDays", 30));
  }

  @Test
  void theStageIsTracedCompressesJsonAndItsExecutionLogsExpire() {
    Map<String, Object> stage = s.properties(s.stack.api().restApi().getDeploymentStage());
    assertEquals(true, stage.get("TracingEnabled"));
    assertEquals(
        Api.MIN_COMPRESSION_BYTES,
        s.properties(s.stack.api().restApi()).get("MinimumCompressionSize"));
    Map<String, Object> logs = s.properties(s.stack.api().executionLogs());
    assertEquals(30, logs.get("RetentionInDays"));
    assertEquals(
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    "API-Gateway-Execution-Logs_",
                    s.ref(s.stack.api().restApi()),
                    "/" + Api.STAGE))),
        logs.get("LogGroupName"));
  }
}
