package dev.ticketing.cdk;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.ClientPasswordAuthType;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.DatabaseProxyOptions;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.MySqlInstanceEngineProps;
import software.amazon.awscdk.services.rds.MysqlEngineVersion;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.RotationSingleUserOptions;
import software.amazon.awscdk.services.rds.SessionPinningFilter;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.SecretRotation;
import software.amazon.awscdk.services.secretsmanager.SecretRotationApplication;
import software.constructs.Construct;

/**
 * MySQL 8.4 (the LTS release, in RDS standard support), Multi-AZ (a synchronous standby in the
 * other zone, automatic failover), encrypted, daily backups, the slow-query log on and exported;
 * RDS Proxy in front of it so hundreds of short-lived Lambda environments share a small pool of
 * database connections.
 *
 * <p>Two accounts, two secrets, both rotated every {@link #ROTATION} by Secrets Manager's
 * single-user rotation function: the master user, used only by the deploy-time migration (which
 * creates the other account, see {@code dev.ticketing.db.ApplicationUser}), and the application
 * user {@value #APP_USER}, which may only read and write rows and call the procedure, and is the
 * one account the proxy knows: the functions cannot connect as anything else. Single-user rather
 * than alternating users, because the proxy maps one secret to one user name: a secret whose user
 * name alternates would leave the connections of the old name without a secret in the proxy. A
 * function whose password was rotated since it started reads the new one when the database refuses
 * the old ({@code DatabaseCredentials}), so rotation needs no redeploy.
 */
public final class Database extends Construct {
  public static final String NAME = "ticketing";
  public static final String MASTER_USER = "ticketing_admin";
  public static final String APP_USER = "ticketing_app";
  public static final Duration ROTATION = Duration.days(30);

  /** The server options that differ from RDS's defaults (every other one stays at it). */
  static final Map<String, String> PARAMETERS =
      Map.of(
          // Queries slower than half a second go to the slow-query log, exported to CloudWatch.
          "slow_query_log", "1",
          "long_query_time", "0.5",
          "log_output", "FILE");

  /** The log files exported to CloudWatch Logs, each into a log group this stack keeps 30 days. */
  static final List<String> LOG_EXPORTS = List.of("error", "slowquery");

  private final DatabaseInstance instance;
  private final DatabaseProxy proxy;
  private final ISecret appSecret;
  private final SecretRotation appRotation;
  private final SecurityGroup instanceGroup;
  private final SecurityGroup proxyGroup;
  private final ParameterGroup parameters;
  private final String instanceIdentifier;

  public Database(
      Construct scope,
      String id,
      Network network,
      DeploymentSettings settings,
      ISecurityGroup bastion) {
    super(scope, id);
    instanceGroup =
        network.closedGroup(this, "InstanceSg", "MySQL: the proxy, the migration and the bastion");
    proxyGroup = network.closedGroup(this, "ProxySg", "RDS Proxy: the functions, 3306");
    // Connections add the ingress rule on one side and, where outbound is closed, the egress rule
    // on the other, as separate resources (inline rules between two groups would be a cycle).
    // addProxy below opens the instance to the proxy's group the same way.
    instanceGroup.getConnections().allowFrom(bastion, Network.mysql(), "from the bastion");
    proxyGroup
        .getConnections()
        .allowFrom(network.functions(), Network.mysql(), "from the functions");

    IInstanceEngine engine =
        DatabaseInstanceEngine.mysql(
            MySqlInstanceEngineProps.builder().version(MysqlEngineVersion.VER_8_4_9).build());
    parameters =
        ParameterGroup.Builder.create(this, "Parameters")
            .engine(engine)
            .description("Ticketing MySQL: slow-query log on")
            .parameters(PARAMETERS)
            .build();

    instanceIdentifier = Stack.of(this).getStackName().toLowerCase(Locale.ROOT) + "-mysql";
    // RDS writes its exports to /aws/rds/instance/<id>/<log> and would create those groups itself,
    // kept forever; created here first, they expire.
    List<LogGroup> exportGroups =
        LOG_EXPORTS.stream()
            .map(
                log ->
                    LogGroup.Builder.create(this, "Export-" + log)
                        .logGroupName("/aws/rds/instance/" + instanceIdentifier + "/" + log)
                        .retention(RetentionDays.ONE_MONTH)
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build())
            .toList();

    instance =
        DatabaseInstance.Builder.create(this, "Instance")
            .instanceIdentifier(instanceIdentifier)
            .engine(engine)
            .parameterGroup(parameters)
            .instanceType(new InstanceType(settings.dbInstanceType()))
            .vpc(network.vpc())
            .vpcSubnets(network.dataSubnets())
            .securityGroups(List.of(instanceGroup))
            .port(Network.MYSQL_PORT)
            .multiAz(true)
            .storageEncrypted(true)
            .storageType(StorageType.GP3)
            .allocatedStorage(20)
            .maxAllocatedStorage(200)
            .credentials(Credentials.fromGeneratedSecret(MASTER_USER))
            .databaseName(NAME)
            .backupRetention(Duration.days(7))
            .deletionProtection(settings.deletionProtection())
            .removalPolicy(
                settings.deletionProtection() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
            .autoMinorVersionUpgrade(true)
            .cloudwatchLogsExports(LOG_EXPORTS)
            .build();
    exportGroups.forEach(instance.getNode()::addDependency);
    instance.addRotationSingleUser(
        RotationSingleUserOptions.builder()
            .automaticallyAfter(ROTATION)
            .vpcSubnets(network.appSubnets())
            .build());

    // The application user's credentials, with the instance's address (what the rotation function
    // connects to). The migration creates the user with this password; rotation changes both.
    appSecret =
        DatabaseSecret.Builder.create(this, "AppSecret")
            .username(APP_USER)
            .masterSecret(instance.getSecret())
            .build()
            .attach(instance);
    appRotation =
        SecretRotation.Builder.create(this, "AppRotation")
            .application(SecretRotationApplication.MYSQL_ROTATION_SINGLE_USER)
            .secret(appSecret)
            .target(instance)
            .vpc(network.vpc())
            .vpcSubnets(network.appSubnets())
            .automaticallyAfter(ROTATION)
            .build();

    DatabaseProxyOptions.Builder proxyOptions =
        DatabaseProxyOptions.builder()
            .dbProxyName(Stack.of(this).getStackName().toLowerCase(Locale.ROOT) + "-proxy")
            .vpc(network.vpc())
            .vpcSubnets(network.dataSubnets())
            .securityGroups(List.of(proxyGroup))
            // The application user only: no client of the proxy can log in as the master.
            .secrets(List.of(appSecret))
            // MySQL 8.4 creates accounts with caching_sha2_password; the proxy speaks it too.
            .clientPasswordAuthType(ClientPasswordAuthType.MYSQL_CACHING_SHA2_PASSWORD)
            .requireTls(true)
            .iamAuth(false)
            .borrowTimeout(Duration.seconds(10))
            .idleClientTimeout(Duration.minutes(15))
            .maxConnectionsPercent(90)
            // Every client is this service with the same connection options, so the SET
            // statements the MySQL driver and the functions send on a new connection are the
            // same everywhere and need not pin it to one database connection. Our SQL itself
            // never pins (no GET_LOCK, no user variables, client-side prepared statements: see
            // Settings.jdbcUrlWithDefaults).
            .sessionPinningFilters(List.of(SessionPinningFilter.EXCLUDE_VARIABLE_SETS));
    // Unpinned, a client's session settings (e.g. its lock wait timeout) stay on whichever
    // database connection received them; the proxy applies them to every database connection it
    // opens, so every transaction runs with them.
    settings.connectionInitSql().ifPresent(proxyOptions::initQuery);
    proxy = instance.addProxy("Proxy", proxyOptions.build());
  }

  /** Lets the migration function (as the master user) reach the instance itself. */
  void admitMigration(ISecurityGroup migration) {
    instanceGroup
        .getConnections()
        .allowFrom(migration, Network.mysql(), "from the migration function");
  }

  /** {@code jdbc:mysql://<proxy>:3306/ticketing}: what the functions connect to. */
  public String jdbcUrl() {
    return "jdbc:mysql://" + proxy.getEndpoint() + ":" + Network.MYSQL_PORT + "/" + NAME;
  }

  /** {@code jdbc:mysql://<instance>:3306/ticketing}: the migration's way in, as the master. */
  public String instanceJdbcUrl() {
    return "jdbc:mysql://"
        + instance.getDbInstanceEndpointAddress()
        + ":"
        + Network.MYSQL_PORT
        + "/"
        + NAME;
  }

  /** The master user's credentials: JSON with {@code username} and {@code password}. */
  public ISecret secret() {
    return instance.getSecret();
  }

  /** The application user's credentials, the only ones the functions get. */
  public ISecret appSecret() {
    return appSecret;
  }

  public SecretRotation appRotation() {
    return appRotation;
  }

  public DatabaseInstance instance() {
    return instance;
  }

  public DatabaseProxy proxy() {
    return proxy;
  }

  public SecurityGroup instanceGroup() {
    return instanceGroup;
  }

  public SecurityGroup proxyGroup() {
    return proxyGroup;
  }

  public ParameterGroup parameters() {
    return parameters;
  }

  public String instanceIdentifier() {
    return instanceIdentifier;
  }
}
