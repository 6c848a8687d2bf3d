package dev.ticketing.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC over two availability zones: public subnets hold only the NAT gateways (one per zone, so
 * losing a zone does not cut the other's egress), private subnets with egress hold the functions
 * and the bastion, isolated subnets hold MySQL, the proxy and Redis. The stack is environment
 * agnostic, so the zones are the first two of {@code Fn::GetAZs} and synth needs no lookup.
 */
public final class Network extends Construct {
  public static final int MYSQL_PORT = 3306;
  public static final int REDIS_PORT = 6379;

  private final Vpc vpc;
  private final SecurityGroup functions;

  public Network(Construct scope, String id) {
    super(scope, id);
    LogGroup flowLogs =
        LogGroup.Builder.create(this, "FlowLogs")
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    vpc =
        Vpc.Builder.create(this, "Vpc")
            .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
            .maxAzs(2)
            .natGateways(2)
            .subnetConfiguration(
                List.of(
                    SubnetConfiguration.builder()
                        .name("edge")
                        .subnetType(SubnetType.PUBLIC)
                        .cidrMask(24)
                        .build(),
                    SubnetConfiguration.builder()
                        .name("app")
                        .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                        .cidrMask(20)
                        .build(),
                    SubnetConfiguration.builder()
                        .name("data")
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .cidrMask(24)
                        .build()))
            .flowLogs(
                Map.of(
                    "All",
                    FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.REJECT)
                        .build()))
            .build();
    functions =
        SecurityGroup.Builder.create(this, "FunctionsSg")
            .vpc(vpc)
            .description("Lambda functions: no ingress; egress to the proxy, Redis and AWS APIs")
            .allowAllOutbound(true)
            .build();
  }

  public Vpc vpc() {
    return vpc;
  }

  /** The security group of every function; the data stores admit it on their port only. */
  public SecurityGroup functions() {
    return functions;
  }

  public SubnetSelection appSubnets() {
    return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
  }

  public SubnetSelection dataSubnets() {
    return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
  }

  /** A security group for a data store that starts no connections of its own. */
  SecurityGroup closedGroup(Construct scope, String id, String description) {
    return SecurityGroup.Builder.create(scope, id)
        .vpc(vpc)
        .description(description)
        .allowAllOutbound(false)
        .build();
  }

  static Port mysql() {
    return Port.tcp(MYSQL_PORT);
  }

  static Port redis() {
    return Port.tcp(REDIS_PORT);
  }
}
