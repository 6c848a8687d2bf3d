package dev.ticketing.cdk;

import java.util.List;
import java.util.Locale;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.DatabaseProxyOptions;
import software.amazon.awscdk.services.rds.MySqlInstanceEngineProps;
import software.amazon.awscdk.services.rds.MysqlEngineVersion;
import software.amazon.awscdk.services.rds.SessionPinningFilter;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * MySQL 8.0, Multi-AZ (a synchronous standby in the other zone, automatic failover), encrypted,
 * with generated credentials in Secrets Manager and daily backups; RDS Proxy in front of it so
 * hundreds of short-lived Lambda environments share a small pool of database connections.
 */
public final class Database extends Construct {
  public static final String NAME = "ticketing";

  private final DatabaseInstance instance;
  private final DatabaseProxy proxy;
  private final SecurityGroup instanceGroup;
  private final SecurityGroup proxyGroup;

  public Database(
      Construct scope,
      String id,
      Network network,
      DeploymentSettings settings,
      ISecurityGroup bastion) {
    super(scope, id);
    instanceGroup =
        network.closedGroup(this, "InstanceSg", "MySQL: the proxy and the bastion, 3306");
    proxyGroup = network.closedGroup(this, "ProxySg", "RDS Proxy: the functions, 3306");
    // Connections add the ingress rule on one side and, where outbound is closed, the egress rule
    // on the other, as separate resources (inline rules between two groups would be a cycle).
    // addProxy below opens the instance to the proxy's group the same way.
    instanceGroup.getConnections().allowFrom(bastion, Network.mysql(), "from the bastion");
    proxyGroup
        .getConnections()
        .allowFrom(network.functions(), Network.mysql(), "from the functions");

    instance =
        DatabaseInstance.Builder.create(this, "Instance")
            .engine(
                DatabaseInstanceEngine.mysql(
                    MySqlInstanceEngineProps.builder()
                        .version(MysqlEngineVersion.VER_8_0_46)
                        .build()))
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
            .credentials(Credentials.fromGeneratedSecret("ticketing_admin"))
            .databaseName(NAME)
            .backupRetention(Duration.days(7))
            .deletionProtection(settings.deletionProtection())
            .removalPolicy(
                settings.deletionProtection() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
            .autoMinorVersionUpgrade(true)
            .cloudwatchLogsExports(List.of("error", "slowquery"))
            .build();

    DatabaseProxyOptions.Builder proxyOptions =
        DatabaseProxyOptions.builder()
            .dbProxyName(Stack.of(this).getStackName().toLowerCase(Locale.ROOT) + "-proxy")
            .vpc(network.vpc())
            .vpcSubnets(network.dataSubnets())
            .securityGroups(List.of(proxyGroup))
            .secrets(List.of(instance.getSecret()))
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

  /** {@code jdbc:mysql://<proxy>:3306/ticketing}: what the functions connect to. */
  public String jdbcUrl() {
    return "jdbc:mysql://" + proxy.getEndpoint() + ":" + Network.MYSQL_PORT + "/" + NAME;
  }

  /** The generated credentials: JSON with {@code username} and {@code password}. */
  public ISecret secret() {
    return instance.getSecret();
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
}
