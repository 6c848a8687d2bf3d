package dev.ticketing.cdk;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The whole service in one environment-agnostic stack (no lookups, no credentials at synth).
 * Reachable from the internet: CloudFront (the SPA and {@code /api/*}) only; everything else sits
 * in private or isolated subnets.
 */
public final class TicketingStack extends Stack {
  private final DeploymentSettings settings;
  private final Network network;
  private final Bastion bastion;
  private final Database database;
  private final Cache cache;
  private final Functions functions;
  private final Api api;
  private final Website website;
  private final Observability observability;

  public TicketingStack(
      Construct scope,
      String id,
      StackProps props,
      DeploymentSettings settings,
      ProjectPaths paths) {
    super(scope, id, props);
    this.settings = settings;
    network = new Network(this, "Network");
    bastion = new Bastion(this, "Bastion", network);
    database = new Database(this, "Database", network, settings, bastion.securityGroup());
    cache = new Cache(this, "Cache", network, settings, bastion.securityGroup());
    functions = new Functions(this, "Functions", paths, network, database, cache, settings);
    api = new Api(this, "Api", settings);
    website = new Website(this, "Website", paths, api);
    api.addRoutes(functions, website.url());
    observability =
        new Observability(this, "Observability", settings, api, functions, database, cache);
    outputs();
    FunctionLogs.keepFor(this, RetentionDays.ONE_MONTH);
    NagSuppressionsForStack.apply(this);
  }

  private void outputs() {
    output("ApiUrl", website.url() + "/api", "The API as browsers and load tests reach it");
    output("SpaUrl", website.url(), "The SPA");
    output(
        "ApiGatewayStageUrl",
        api.restApi().getUrl(),
        "The API Gateway stage (accepts only requests relayed by CloudFront)");
    output("BastionInstanceId", bastion.host().getInstanceId(), "SSM Session Manager target");
    output(
        "DbEndpoint",
        database.instance().getDbInstanceEndpointAddress(),
        "MySQL instance (port forward through the bastion)");
    output("DbProxyEndpoint", database.proxy().getEndpoint(), "RDS Proxy the functions use");
    output(
        "DbSecretArn",
        database.secret().getSecretArn(),
        "MySQL master credentials (the migration's; rotated every 30 days)");
    output(
        "DbAppSecretArn",
        database.appSecret().getSecretArn(),
        "MySQL application user (rows only; the functions'; rotated every 30 days)");
    output(
        "AdminFunctionName",
        functions.admin().function().getFunctionName(),
        "Operator commands as JSON (scripts/admin-aws)");
    output(
        "OperatorConsoleFunctionName",
        functions.operatorConsole().function().getFunctionName(),
        "The operator console's function (scripts/add-operator)");
    output(
        "OperatorAccountsSecretArn",
        functions.operatorAccounts().getSecretArn(),
        "Operator console accounts: name to PBKDF2 hash (scripts/add-operator)");
    output(
        "MigrationFunctionName",
        functions.migration().function().getFunctionName(),
        "Applies migrations as the master user (runs on every deploy)");
    output("Stage", settings.stage(), "This deployment's stage (-c stage=...)");
    output(
        "RedisPrimaryEndpoint",
        cache.group().getAttrPrimaryEndPointAddress(),
        "Redis primary (TLS)");
    output(
        "RedisReaderEndpoint", cache.group().getAttrReaderEndPointAddress(), "Redis readers (TLS)");
    output("RedisAuthSecretArn", cache.authToken().getSecretArn(), "Redis AUTH token");
    output("LockStrategy", settings.lockStrategy(), "LOCK_STRATEGY of this deployment");
    output("DashboardName", observability.dashboard().getDashboardName(), "CloudWatch dashboard");
    output("AlarmTopicArn", observability.alarmTopic().getTopicArn(), "Alarm notifications");
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public DeploymentSettings settings() {
    return settings;
  }

  public Network network() {
    return network;
  }

  public Bastion bastion() {
    return bastion;
  }

  public Database database() {
    return database;
  }

  public Cache cache() {
    return cache;
  }

  public Functions functions() {
    return functions;
  }

  public Api api() {
    return api;
  }

  public Website website() {
    return website;
  }

  public Observability observability() {
    return observability;
  }
}
