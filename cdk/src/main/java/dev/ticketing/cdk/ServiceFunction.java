package dev.ticketing.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One function of {@code functions/}: its own jar on Java 21 (arm64), in the app subnets with the
 * functions' security group (or its own), its own log group, X-Ray active tracing and, unless it is
 * an operator's or a deploy-time task, SnapStart on published versions with the alias {@value
 * #ALIAS} that everything invokes.
 *
 * <p>Logs stay in Lambda's text format: the functions print their own JSON lines (with the
 * request's correlation id) and EMF documents, which that format passes through untouched.
 */
public final class ServiceFunction extends Construct {
  public static final String ALIAS = "live";

  private final Spec spec;
  private final Function function;
  private final Alias alias;

  /** What differs between the functions. */
  public record Spec(
      String module,
      String handler,
      String description,
      int memoryMb,
      Duration timeout,
      boolean snapStart,
      Integer reservedConcurrency) {}

  public ServiceFunction(
      Construct scope,
      String id,
      Spec spec,
      ProjectPaths paths,
      Network network,
      Map<String, String> environment) {
    this(scope, id, spec, paths, network, network.functions(), environment);
  }

  public ServiceFunction(
      Construct scope,
      String id,
      Spec spec,
      ProjectPaths paths,
      Network network,
      ISecurityGroup securityGroup,
      Map<String, String> environment) {
    super(scope, id);
    this.spec = spec;
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Function.Builder builder =
        Function.Builder.create(this, "Function")
            .description(spec.description())
            .runtime(Runtime.JAVA_21)
            .architecture(Architecture.ARM_64)
            .code(Code.fromAsset(paths.lambdaJar(spec.module()).toString()))
            .handler(spec.handler())
            .memorySize(spec.memoryMb())
            .timeout(spec.timeout())
            .vpc(network.vpc())
            .vpcSubnets(network.appSubnets())
            .securityGroups(List.of(securityGroup))
            .environment(environment)
            // X-Ray: each request's path through API Gateway, the function and its AWS calls.
            .tracing(Tracing.ACTIVE)
            .logGroup(logs);
    if (spec.snapStart()) {
      builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
    }
    if (spec.reservedConcurrency() != null) {
      builder.reservedConcurrentExecutions(spec.reservedConcurrency());
    }
    function = builder.build();
    alias =
        spec.snapStart()
            ? Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build()
            : null;
  }

  public Spec spec() {
    return spec;
  }

  public Function function() {
    return function;
  }

  /** The published, snapshotted version that takes traffic. */
  public Alias alias() {
    if (alias == null) {
      throw new IllegalStateException(function.getNode().getPath() + " has no alias");
    }
    return alias;
  }
}
