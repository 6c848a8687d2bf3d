package dev.ticketing.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import software.constructs.IConstruct;

/**
 * The cdk-nag AwsSolutions findings this design accepts, each scoped to the construct (and, for
 * IAM, the exact policy or action) it concerns, with the reason it is accepted. Anything not listed
 * here fails the nag test.
 */
final class NagSuppressionsForStack {
  static final String LAMBDA_BASIC =
      "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  static final String LAMBDA_VPC =
      "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";
  static final String APIGW_LOGS =
      "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";

  private NagSuppressionsForStack() {}

  static void apply(TicketingStack stack) {
    functions(stack);
    dataStores(stack);
    bastion(stack);
    api(stack);
    website(stack);
    secrets(stack);
  }

  private static void functions(TicketingStack stack) {
    List<ServiceFunction> all = new ArrayList<>(stack.functions().api().values());
    all.add(stack.functions().advancer());
    all.add(stack.functions().admin());
    all.add(stack.functions().migration());
    all.add(stack.functions().operatorConsole());
    List<IConstruct> roles = new ArrayList<>();
    all.forEach(f -> roles.add(f.function()));
    roles.add(stack.functions().operatorAuthorizer());
    for (IConstruct f : roles) {
      suppress(
          f,
          rule(
              "AwsSolutions-IAM4",
              "AWSLambdaBasicExecutionRole (write own logs) and AWSLambdaVPCAccessExecutionRole"
                  + " (manage the VPC network interfaces) are exactly what a VPC function needs; the"
                  + " ENI actions only accept Resource '*', so a hand-written copy would be no"
                  + " narrower.",
              LAMBDA_BASIC,
              LAMBDA_VPC),
          rule(
              "AwsSolutions-IAM5",
              "X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no"
                  + " resource-level permissions, so Lambda's tracing statement names Resource '*';"
                  + " every other statement of these roles names its secret by ARN.",
              "Resource::*"),
          rule(
              "AwsSolutions-L1",
              "Java 21 is the runtime the issue fixes for the SnapStart/CRaC-ready jars (built for"
                  + " release 17 and tested on 21); moving to a newer Java runtime is a deliberate"
                  + " upgrade with its own SnapStart testing, not a side effect of a CDK bump."));
    }
  }

  private static void dataStores(TicketingStack stack) {
    suppress(
        stack.database().instance(),
        rule(
            "AwsSolutions-RDS11",
            "MySQL keeps port 3306: it sits in isolated subnets and its security group admits only"
                + " the proxy and the bastion; RDS Proxy listens on 3306 whatever the instance port,"
                + " so a non-default port would hide nothing."));
    if (!stack.settings().deletionProtection()) {
      suppress(
          stack.database().instance(),
          rule(
              "AwsSolutions-RDS10",
              "Deletion protection is off only when the deployer passes -c"
                  + " deletionProtection=false for a disposable test stack; the default is on."));
    }
    suppress(
        stack.cache().group(),
        rule(
            "AwsSolutions-AEC5",
            "Redis keeps port 6379: isolated subnets, a security group that admits only the"
                + " functions and the bastion, TLS and an AUTH token; a non-default port would hide"
                + " nothing."));
  }

  private static void bastion(TicketingStack stack) {
    suppress(
        stack.bastion().host(),
        rule(
            "AwsSolutions-EC29",
            "The bastion holds no state (a port-forwarding hop, rebuilt from the AMI at will):"
                + " termination protection would only block cdk destroy, and an Auto Scaling group"
                + " would change the instance id the operator's SSM commands target."),
        rule(
            "AwsSolutions-IAM5",
            "Session Manager's agent channels (ssmmessages, ec2messages) and"
                + " ssm:UpdateInstanceInformation do not support resource-level permissions; this"
                + " is the policy BastionHostLinux attaches for SSM-only access.",
            "Action::ssmmessages:*",
            "Action::ec2messages:*",
            "Resource::*"));
  }

  private static void api(TicketingStack stack) {
    suppress(
        stack.api().restApi(),
        rule(
            "AwsSolutions-APIG2",
            "Every route is a Lambda proxy integration whose function validates its own input and"
                + " answers the service's JSON errors (400 invalid_id, 413, 415, 405); gateway"
                + " request validation would answer differently from the local gateway."),
        rule(
            "AwsSolutions-APIG4",
            "The API is public by design: buyers are anonymous until the queue issues them a"
                + " signed ticket; each function verifies that ticket or the access token"
                + " (AccessGate) itself. The web ACL admits only CloudFront and rate-limits per"
                + " viewer."),
        rule(
            "AwsSolutions-COG4",
            "No user pools: buyers are anonymous, and queue tickets and access tokens are signed"
                + " and verified by the functions (see AwsSolutions-APIG4)."),
        rule(
            "AwsSolutions-IAM4",
            "AmazonAPIGatewayPushToCloudWatchLogs is the role API Gateway's account setting needs"
                + " to write the stage's access and execution logs.",
            APIGW_LOGS));
  }

  private static void website(TicketingStack stack) {
    suppress(
        stack.website().distribution(),
        rule(
            "AwsSolutions-CFR1",
            "Tickets are sold to buyers anywhere; the sale has no geographic restriction."),
        rule(
            "AwsSolutions-CFR2",
            "A CloudFront-scope web ACL must live in us-east-1 while this stack is"
                + " region-agnostic; the regional web ACL on the API stage protects the dynamic"
                + " paths, and the SPA is static files from a private bucket."),
        rule(
            "AwsSolutions-CFR4",
            "The distribution uses the default *.cloudfront.net certificate, for which CloudFront"
                + " fixes the minimum viewer protocol; a custom domain with an ACM certificate would"
                + " allow TLSv1.2_2021 and is a deployment choice outside this stack."));
    IConstruct deployment =
        stack.getNode().getChildren().stream()
            .filter(c -> c.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no BucketDeployment handler"));
    suppress(
        deployment,
        rule(
            "AwsSolutions-IAM4",
            "CDK's BucketDeployment handler writes its logs with AWSLambdaBasicExecutionRole.",
            LAMBDA_BASIC),
        ruleRegex(
            "AwsSolutions-IAM5",
            "CDK's BucketDeployment handler copies the SPA from the CDK asset bucket to the site"
                + " bucket (object-level wildcards within those two buckets only) and invalidates"
                + " the distribution (CloudFront invalidation actions accept only Resource '*').",
            "^Action::s3:.*$",
            "^Resource::.*cdk-[a-z0-9]+-assets-.*/\\*$",
            "^Resource::<WebsiteSite[A-F0-9]*\\.Arn>/\\*$",
            "^Resource::\\*$"),
        rule(
            "AwsSolutions-L1",
            "The runtime of CDK's own BucketDeployment handler is chosen by aws-cdk-lib and"
                + " follows its releases; it runs only at deploy time."));
  }

  private static void secrets(TicketingStack stack) {
    suppress(
        stack.cache().authToken(),
        rule(
            "AwsSolutions-SMG4",
            "ElastiCache has no managed rotation for AUTH tokens (it needs a ROTATE/SET"
                + " modify-replication-group sequence) and the functions read the token at start;"
                + " it is rotated in a planned deployment (docs/deploy.md)."));
    suppress(
        stack.functions().operatorTokenKey(),
        rule(
            "AwsSolutions-SMG4",
            "Rotating the operator token key logs every operator out (HS256, one key, tokens of 15"
                + " minutes); it is rotated between sales by a deployment (docs/deploy.md)."));
    suppress(
        stack.functions().operatorAccounts(),
        rule(
            "AwsSolutions-SMG4",
            "It holds salted PBKDF2 hashes that operators set with scripts/add-operator, not a"
                + " credential a rotation Lambda could change; an operator's password is changed by"
                + " adding the operator again (docs/deploy.md)."));
    suppress(
        stack.functions().signingKey(),
        rule(
            "AwsSolutions-SMG4",
            "Rotating the signing key mid-sale would invalidate every queue ticket and access token"
                + " in flight (HS256, one key); it is rotated between sales (docs/deploy.md)."));
    suppress(
        stack.api().originVerify(),
        rule(
            "AwsSolutions-SMG4",
            "The value must change in CloudFront's origin header and the web ACL together, and"
                + " CloudFormation resolves it only when it updates them; it is rotated by a"
                + " deployment outside a sale (docs/deploy.md)."));
  }

  private static NagPackSuppression rule(String id, String reason, String... appliesTo) {
    NagPackSuppression.Builder b = NagPackSuppression.builder().id(id).reason(reason);
    if (appliesTo.length > 0) {
      b.appliesTo(List.of((Object[]) appliesTo));
    }
    return b.build();
  }

  private static NagPackSuppression ruleRegex(String id, String reason, String... regexes) {
    List<Object> appliesTo = new ArrayList<>();
    for (String regex : regexes) {
      appliesTo.add(RegexAppliesTo.builder().regex("/" + regex + "/").build());
    }
    return NagPackSuppression.builder().id(id).reason(reason).appliesTo(appliesTo).build();
  }

  private static void suppress(IConstruct construct, NagPackSuppression... rules) {
    NagSuppressions.addResourceSuppressions(construct, List.of(rules), true);
  }
}
