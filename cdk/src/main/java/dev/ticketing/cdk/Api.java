package dev.ticketing.cdk;

import dev.ticketing.routes.Function;
import dev.ticketing.routes.Route;
import dev.ticketing.routes.Routes;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.IdentitySource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestAuthorizer;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * The REST API: every route proxied to its own function's alias, stage throttling, JSON access
 * logs, CORS for the SPA's origin, JSON bodies for the gateway's own errors, and a regional WAF web
 * ACL.
 *
 * <p>Browsers reach the API through CloudFront ({@code /api/*} on the SPA's domain). CloudFront
 * stamps every such request with a secret {@value #ORIGIN_VERIFY_HEADER} and, from a CloudFront
 * Function, the viewer's own address in {@value #VIEWER_IP_HEADER} (overwriting anything the client
 * sent). The web ACL blocks requests without the secret, so the only way in is CloudFront, and
 * rate-limits per viewer address: behind CloudFront the connection's source address is an edge
 * server shared by thousands of buyers, so limiting on it would block a busy edge at the on-sale.
 */
public final class Api extends Construct {
  /**
   * The API Gateway stage, the same in every deployment: the deployment's own stage ({@code -c
   * stage=...}) is in the stack's name, so the path CloudFront forwards to never changes.
   */
  public static final String STAGE = "live";

  /** Responses at least this large are gzip-compressed for clients that accept it (most JSON). */
  public static final int MIN_COMPRESSION_BYTES = 1024;

  /** AWS managed rule groups of the web ACL, in evaluation order after our own rules. */
  public static final List<String> MANAGED_RULE_GROUPS =
      List.of(
          "AWSManagedRulesAmazonIpReputationList",
          "AWSManagedRulesKnownBadInputsRuleSet",
          "AWSManagedRulesCommonRuleSet");

  public static final String ORIGIN_VERIFY_HEADER = "x-origin-verify";
  public static final String VIEWER_IP_HEADER = "x-viewer-ip";

  /**
   * Buyers who may share one address (an office, a campus, a carrier's NAT) without the per-address
   * rate rule ever blocking them, as long as their pages follow the cadence.
   */
  static final int BUYERS_PER_ADDRESS = 50;

  /**
   * The most API requests one buyer's page makes in 5 minutes when it follows the cadence: one
   * request at a time, never more than one a second (queue polls at most every {@code
   * POLL_AFTER_MIN_SECONDS} >= 1 s; the seat map's {@code ?since=} poll once a second; the public
   * queue state is read from CloudFront's cache and reaches the API without the viewer's address,
   * so this rule does not count it), plus a few one-off requests (join, map, reservation attempts,
   * leave): 300 + 10. Twice that leaves room for a second tab or retries after errors.
   */
  static final int REQUESTS_PER_BUYER_PER_5_MIN = 2 * (300 + 10);

  /** The web ACL's per-viewer-address limit in a 5-minute window unless the deployment sets one. */
  public static final int DEFAULT_REQUESTS_PER_IP_PER_5_MIN =
      BUYERS_PER_ADDRESS * REQUESTS_PER_BUYER_PER_5_MIN;

  /**
   * Operator logins per viewer address in 5 minutes before the web ACL blocks (WAF's minimum is
   * 10).
   */
  public static final int OPERATOR_LOGINS_PER_IP_PER_5_MIN = 20;

  private final RestApi restApi;
  private final Secret originVerify;
  private final CfnWebACL webAcl;
  private final LogGroup wafLogs;
  private final LogGroup executionLogs;
  private RequestAuthorizer operatorAuthorizer;

  public Api(Construct scope, String id, DeploymentSettings settings) {
    super(scope, id);
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    restApi =
        RestApi.Builder.create(this, "RestApi")
            .restApiName(Stack.of(this).getStackName() + "-api")
            .description("Concert ticketing: queue, seat map, reservations")
            .endpointTypes(List.of(EndpointType.REGIONAL))
            .minCompressionSize(Size.bytes(MIN_COMPRESSION_BYTES))
            // The role is an account-wide setting of API Gateway: kept when a stack goes, so a
            // second stage's stack in the account keeps its execution logs.
            .cloudWatchRole(true)
            .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
            .deployOptions(
                StageOptions.builder()
                    .stageName(STAGE)
                    .throttlingRateLimit(settings.apiRateLimit())
                    .throttlingBurstLimit(settings.apiBurstLimit())
                    .accessLogDestination(new LogGroupLogDestination(accessLogs))
                    .accessLogFormat(AccessLogFormat.custom(ACCESS_LOG_FORMAT))
                    .loggingLevel(MethodLoggingLevel.ERROR)
                    .metricsEnabled(true)
                    .tracingEnabled(true)
                    .build())
            .build();
    // API Gateway would create its execution-log group on the first error and keep it forever.
    executionLogs =
        LogGroup.Builder.create(this, "ExecutionLogs")
            .logGroupName("API-Gateway-Execution-Logs_" + restApi.getRestApiId() + "/" + STAGE)
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    restApi.getDeploymentStage().getNode().addDependency(executionLogs);

    originVerify =
        Secret.Builder.create(this, "OriginVerify")
            .description("Header value CloudFront adds to /api/* requests; the web ACL requires it")
            .generateSecretString(
                SecretStringGenerator.builder()
                    .passwordLength(40)
                    .excludePunctuation(true)
                    .includeSpace(false)
                    .build())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();

    webAcl = webAcl(settings);
    CfnWebACLAssociation.Builder.create(this, "WebAclAssociation")
        .resourceArn(restApi.getDeploymentStage().getStageArn())
        .webAclArn(webAcl.getAttrArn())
        .build();
    wafLogs = wafLogging();
  }

  /**
   * Every request the web ACL saw, to a log group WAF accepts (its name must start with {@code
   * aws-waf-logs-}), without the secret origin header and the buyers' tokens.
   */
  private LogGroup wafLogging() {
    String name = "aws-waf-logs-" + Stack.of(this).getStackName().toLowerCase(Locale.ROOT);
    LogGroup logs =
        LogGroup.Builder.create(this, "WafLogs")
            .logGroupName(name)
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    String arn =
        Stack.of(this)
            .formatArn(
                ArnComponents.builder()
                    .service("logs")
                    .resource("log-group")
                    .resourceName(name)
                    .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                    .build());
    CfnLoggingConfiguration logging =
        CfnLoggingConfiguration.Builder.create(this, "WafLogging")
            .resourceArn(webAcl.getAttrArn())
            .logDestinationConfigs(List.of(arn))
            .redactedFields(
                List.of(redactedHeader(ORIGIN_VERIFY_HEADER), redactedHeader("authorization")))
            .build();
    logging.getNode().addDependency(logs);
    return logs;
  }

  private static CfnLoggingConfiguration.FieldToMatchProperty redactedHeader(String name) {
    return CfnLoggingConfiguration.FieldToMatchProperty.builder()
        .singleHeader(Map.of("Name", name))
        .build();
  }

  /**
   * AWS's managed rule groups (addresses with a bad reputation, known exploit patterns such as
   * Log4Shell, the common web attacks), after our own rules: every request they block is one a
   * buyer's browser never sends (our bodies are small JSON).
   */
  private static List<CfnWebACL.RuleProperty> managedRules() {
    List<CfnWebACL.RuleProperty> rules = new java.util.ArrayList<>();
    for (String group : MANAGED_RULE_GROUPS) {
      rules.add(
          CfnWebACL.RuleProperty.builder()
              .name(group)
              .priority(10 + rules.size())
              .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
              .statement(
                  CfnWebACL.StatementProperty.builder()
                      .managedRuleGroupStatement(
                          CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                              .vendorName("AWS")
                              .name(group)
                              .build())
                      .build())
              .visibilityConfig(visibility(group))
              .build());
    }
    return rules;
  }

  // One JSON object per request; requestId is the correlation id the functions log too.
  private static final String ACCESS_LOG_FORMAT =
      "{\"requestId\":\"$context.requestId\","
          + "\"time\":\"$context.requestTime\","
          + "\"method\":\"$context.httpMethod\","
          + "\"resource\":\"$context.resourcePath\","
          + "\"path\":\"$context.path\","
          + "\"status\":\"$context.status\","
          + "\"latencyMs\":\"$context.responseLatency\","
          + "\"integrationLatencyMs\":\"$context.integration.latency\","
          + "\"integrationStatus\":\"$context.integration.status\","
          + "\"responseLength\":\"$context.responseLength\","
          + "\"sourceIp\":\"$context.identity.sourceIp\","
          + "\"userAgent\":\"$context.identity.userAgent\","
          + "\"wafStatus\":\"$context.waf.status\","
          + "\"error\":\"$context.error.message\"}";

  private CfnWebACL webAcl(DeploymentSettings settings) {
    CfnWebACL.RuleProperty onlyViaCloudFront =
        CfnWebACL.RuleProperty.builder()
            .name("OnlyViaCloudFront")
            .priority(0)
            .action(
                CfnWebACL.RuleActionProperty.builder()
                    .block(CfnWebACL.BlockActionProperty.builder().build())
                    .build())
            .statement(
                CfnWebACL.StatementProperty.builder()
                    .notStatement(
                        CfnWebACL.NotStatementProperty.builder()
                            .statement(
                                CfnWebACL.StatementProperty.builder()
                                    .byteMatchStatement(
                                        CfnWebACL.ByteMatchStatementProperty.builder()
                                            .fieldToMatch(
                                                CfnWebACL.FieldToMatchProperty.builder()
                                                    .singleHeader(
                                                        Map.of("Name", ORIGIN_VERIFY_HEADER))
                                                    .build())
                                            .positionalConstraint("EXACTLY")
                                            .searchString(
                                                originVerify.getSecretValue().unsafeUnwrap())
                                            .textTransformations(
                                                List.of(
                                                    CfnWebACL.TextTransformationProperty.builder()
                                                        .priority(0)
                                                        .type("NONE")
                                                        .build()))
                                            .build())
                                    .build())
                            .build())
                    .build())
            .visibilityConfig(visibility("OnlyViaCloudFront"))
            .build();
    CfnWebACL.RuleProperty ratePerViewerIp =
        CfnWebACL.RuleProperty.builder()
            .name("RatePerViewerIp")
            .priority(1)
            .action(
                CfnWebACL.RuleActionProperty.builder()
                    .block(CfnWebACL.BlockActionProperty.builder().build())
                    .build())
            .statement(
                CfnWebACL.StatementProperty.builder()
                    .rateBasedStatement(
                        CfnWebACL.RateBasedStatementProperty.builder()
                            .limit(settings.wafRequestsPerIpPer5Min())
                            .evaluationWindowSec(300)
                            .aggregateKeyType("FORWARDED_IP")
                            .forwardedIpConfig(
                                CfnWebACL.ForwardedIPConfigurationProperty.builder()
                                    .headerName(VIEWER_IP_HEADER)
                                    .fallbackBehavior("MATCH")
                                    .build())
                            .build())
                    .build())
            .visibilityConfig(visibility("RatePerViewerIp"))
            .build();
    return CfnWebACL.Builder.create(this, "WebAcl")
        .scope("REGIONAL")
        .description(
            "Ticketing API: CloudFront only, rate limit per viewer IP, AWS managed rule groups")
        .defaultAction(
            CfnWebACL.DefaultActionProperty.builder()
                .allow(CfnWebACL.AllowActionProperty.builder().build())
                .build())
        .visibilityConfig(visibility("TicketingApi"))
        .rules(rules(onlyViaCloudFront, ratePerViewerIp, operatorLogins()))
        .build();
  }

  /**
   * The operator login is the one route without a token: at most {@value
   * #OPERATOR_LOGINS_PER_IP_PER_5_MIN} attempts per viewer address in 5 minutes (an operator logs
   * in every quarter hour; a password guesser gets a handful of tries, each costing a PBKDF2 hash).
   */
  private static CfnWebACL.RuleProperty operatorLogins() {
    return CfnWebACL.RuleProperty.builder()
        .name("OperatorLoginRate")
        .priority(2)
        .action(
            CfnWebACL.RuleActionProperty.builder()
                .block(CfnWebACL.BlockActionProperty.builder().build())
                .build())
        .statement(
            CfnWebACL.StatementProperty.builder()
                .rateBasedStatement(
                    CfnWebACL.RateBasedStatementProperty.builder()
                        .limit(OPERATOR_LOGINS_PER_IP_PER_5_MIN)
                        .evaluationWindowSec(300)
                        .aggregateKeyType("FORWARDED_IP")
                        .forwardedIpConfig(
                            CfnWebACL.ForwardedIPConfigurationProperty.builder()
                                .headerName(VIEWER_IP_HEADER)
                                .fallbackBehavior("MATCH")
                                .build())
                        .scopeDownStatement(
                            CfnWebACL.StatementProperty.builder()
                                .byteMatchStatement(
                                    CfnWebACL.ByteMatchStatementProperty.builder()
                                        .fieldToMatch(
                                            CfnWebACL.FieldToMatchProperty.builder()
                                                .uriPath(Map.of())
                                                .build())
                                        .positionalConstraint("ENDS_WITH")
                                        .searchString(Routes.OPERATOR_LOGIN)
                                        .textTransformations(
                                            List.of(
                                                CfnWebACL.TextTransformationProperty.builder()
                                                    .priority(0)
                                                    .type("LOWERCASE")
                                                    .build()))
                                        .build())
                                .build())
                        .build())
                .build())
        .visibilityConfig(visibility("OperatorLoginRate"))
        .build();
  }

  private static List<CfnWebACL.RuleProperty> rules(CfnWebACL.RuleProperty... own) {
    List<CfnWebACL.RuleProperty> all = new java.util.ArrayList<>(List.of(own));
    all.addAll(managedRules());
    return all;
  }

  private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
    return CfnWebACL.VisibilityConfigProperty.builder()
        .metricName(metric)
        .cloudWatchMetricsEnabled(true)
        .sampledRequestsEnabled(true)
        .build();
  }

  /**
   * Adds the routes, each to its own function's alias, with an ANY method beside the real ones so a
   * wrong method reaches the function (and gets its JSON 405) as in the local gateway.
   *
   * @param spaOrigin {@code https://<cloudfront domain>}, the one origin CORS admits
   */
  public void addRoutes(Functions functions, String spaOrigin) {
    Map<String, IResource> resources = new LinkedHashMap<>();
    for (String path : Routes.resources()) {
      IResource resource = restApi.getRoot();
      for (String part : path.substring(1).split("/")) {
        IResource child = resource.getResource(part);
        resource = child != null ? child : resource.addResource(part);
      }
      resources.put(path, resource);
    }
    Map<Function, LambdaIntegration> integrations = new EnumMap<>(Function.class);
    // Every operator route but the login: API Gateway's authorizer checks the operator token
    // before the function runs (the function checks it again).
    operatorAuthorizer =
        RequestAuthorizer.Builder.create(this, "OperatorAuthorizer")
            .handler(functions.operatorAuthorizer())
            .identitySources(List.of(IdentitySource.header("Authorization")))
            // No cache: a token is judged afresh on every request, so an expired one never passes.
            .resultsCacheTtl(Duration.seconds(0))
            .build();
    MethodOptions operatorOnly =
        MethodOptions.builder()
            .authorizationType(AuthorizationType.CUSTOM)
            .authorizer(operatorAuthorizer)
            .build();
    for (Route route : Routes.ALL) {
      LambdaIntegration integration =
          integrations.computeIfAbsent(route.function(), f -> integration(functions.integrated(f)));
      if (Routes.needsOperatorToken(route)) {
        resources.get(route.resource()).addMethod(route.method(), integration, operatorOnly);
      } else {
        resources.get(route.resource()).addMethod(route.method(), integration);
      }
    }

    CorsOptions cors =
        CorsOptions.builder()
            .allowOrigins(List.of(spaOrigin))
            .allowMethods(List.of("GET", "POST", "DELETE", "OPTIONS"))
            .allowHeaders(List.of("Authorization", "Content-Type", "If-None-Match"))
            .exposeHeaders(List.of("ETag"))
            .maxAge(Duration.hours(1))
            .build();
    for (IResource r : resources.values()) {
      r.addCorsPreflight(cors);
    }

    Map<String, String> corsHeaders =
        Map.of("Access-Control-Allow-Origin", "'" + spaOrigin + "'", "Vary", "'Origin'");
    gatewayError(ResponseType.THROTTLED, "429", "throttled", corsHeaders);
    gatewayError(ResponseType.UNAUTHORIZED, "401", "operator_auth_required", corsHeaders);
    gatewayError(ResponseType.WAF_FILTERED, "403", "blocked", corsHeaders);
    gatewayError(ResponseType.DEFAULT_4_XX, null, "gateway_rejected", corsHeaders);
    gatewayError(ResponseType.DEFAULT_5_XX, null, "gateway_error", corsHeaders);
  }

  private static LambdaIntegration integration(IFunction alias) {
    return new LambdaIntegration(
        alias, LambdaIntegrationOptions.builder().proxy(true).allowTestInvoke(false).build());
  }

  /**
   * The gateway's own errors in the service's error shape: {@code {"error": code, "message":
   * text}}.
   */
  private void gatewayError(
      ResponseType type, String status, String code, Map<String, String> headers) {
    GatewayResponseOptions.Builder options =
        GatewayResponseOptions.builder()
            .type(type)
            .responseHeaders(headers)
            .templates(
                Map.of(
                    "application/json",
                    "{\"error\":\"" + code + "\",\"message\":$context.error.messageString}"));
    if (status != null) {
      options.statusCode(status);
    }
    restApi.addGatewayResponse("Error" + type.getResponseType(), options.build());
  }

  /** The authorizer of the operator routes (set by {@link #addRoutes}). */
  public RequestAuthorizer operatorAuthorizer() {
    return operatorAuthorizer;
  }

  public RestApi restApi() {
    return restApi;
  }

  /** The API's host name, for CloudFront's origin (built from the id alone, not the stage). */
  public String domainName() {
    return restApi.getRestApiId() + ".execute-api." + Aws.REGION + "." + Aws.URL_SUFFIX;
  }

  public Secret originVerify() {
    return originVerify;
  }

  public CfnWebACL webAcl() {
    return webAcl;
  }

  public LogGroup wafLogs() {
    return wafLogs;
  }

  public LogGroup executionLogs() {
    return executionLogs;
  }
}
