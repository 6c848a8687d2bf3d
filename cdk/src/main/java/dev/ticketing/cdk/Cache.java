package dev.ticketing.cdk;

import java.util.List;
import java.util.Locale;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * ElastiCache for Redis, cluster mode off: a primary and two replicas spread over the zones,
 * automatic failover and Multi-AZ on, encrypted at rest and in transit (TLS required), AUTH token
 * generated into Secrets Manager. The functions write through the primary endpoint and read through
 * the reader endpoint where a replica's lag is harmless.
 */
public final class Cache extends Construct {
  public static final int NODES = 3;

  private final CfnReplicationGroup group;
  private final Secret authToken;
  private final SecurityGroup securityGroup;
  private final String replicationGroupId;

  public Cache(
      Construct scope,
      String id,
      Network network,
      DeploymentSettings settings,
      ISecurityGroup bastion) {
    super(scope, id);
    securityGroup = network.closedGroup(this, "Sg", "Redis: the functions and the bastion, 6379");
    securityGroup
        .getConnections()
        .allowFrom(network.functions(), Network.redis(), "from the functions");
    securityGroup.getConnections().allowFrom(bastion, Network.redis(), "from the bastion");

    authToken =
        GeneratedSecrets.alphanumeric(
            this, "AuthToken", "Redis AUTH token of the ticketing replication group");

    CfnSubnetGroup subnets =
        CfnSubnetGroup.Builder.create(this, "Subnets")
            .description("Isolated subnets of the ticketing Redis")
            .subnetIds(
                network.vpc().selectSubnets(network.dataSubnets()).getSubnets().stream()
                    .map(ISubnet::getSubnetId)
                    .toList())
            .build();

    replicationGroupId = Stack.of(this).getStackName().toLowerCase(Locale.ROOT) + "-redis";
    group =
        CfnReplicationGroup.Builder.create(this, "ReplicationGroup")
            .replicationGroupId(replicationGroupId)
            .replicationGroupDescription("Ticketing queue, sessions and seat map")
            .engine("redis")
            .engineVersion("7.1")
            .cacheNodeType(settings.cacheNodeType())
            .numCacheClusters(NODES)
            .automaticFailoverEnabled(true)
            .multiAzEnabled(true)
            .atRestEncryptionEnabled(true)
            .transitEncryptionEnabled(true)
            .transitEncryptionMode("required")
            .authToken(authToken.getSecretValue().unsafeUnwrap())
            .port(Network.REDIS_PORT)
            .cacheSubnetGroupName(subnets.getRef())
            .securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
            .autoMinorVersionUpgrade(true)
            .snapshotRetentionLimit(1)
            .build();
  }

  /** {@code rediss://<primary>:6379}: writes and Lua scripts. */
  public String primaryUrl() {
    return "rediss://"
        + group.getAttrPrimaryEndPointAddress()
        + ":"
        + group.getAttrPrimaryEndPointPort();
  }

  /** {@code rediss://<reader>:6379}: reads that tolerate replica lag. */
  public String readerUrl() {
    return "rediss://"
        + group.getAttrReaderEndPointAddress()
        + ":"
        + group.getAttrReaderEndPointPort();
  }

  public ISecret authToken() {
    return authToken;
  }

  public CfnReplicationGroup group() {
    return group;
  }

  public SecurityGroup securityGroup() {
    return securityGroup;
  }

  /** The member clusters ({@code <id>-001} ...), the dimension of ElastiCache's node metrics. */
  public List<String> nodeIds() {
    return java.util.stream.IntStream.rangeClosed(1, NODES)
        .mapToObj(i -> String.format(Locale.ROOT, "%s-%03d", replicationGroupId, i))
        .toList();
  }
}
