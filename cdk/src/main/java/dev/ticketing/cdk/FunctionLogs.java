package dev.ticketing.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sam.CfnApplication;
import software.constructs.IConstruct;

/**
 * A log group that expires for every Lambda function in the stack, CDK's own deploy-time handlers
 * included (the S3 auto-delete and trigger providers) and Secrets Manager's rotation functions:
 * without one, Lambda creates {@code /aws/lambda/<name>} on the first invocation and keeps it
 * forever, after the stack too.
 */
final class FunctionLogs {
  private FunctionLogs() {}

  /** Gives each function without a log group of its own one kept {@code retention}. */
  static List<LogGroup> keepFor(Stack stack, RetentionDays retention) {
    List<LogGroup> added = new ArrayList<>();
    for (IConstruct c : stack.getNode().findAll()) {
      if (!(c instanceof CfnResource r)
          || !"AWS::Lambda::Function".equals(r.getCfnResourceType())) {
        continue;
      }
      if (r instanceof CfnFunction f && f.getLoggingConfig() != null) {
        continue;
      }
      LogGroup logs =
          LogGroup.Builder.create(
                  (software.constructs.Construct) r.getNode().getScope(),
                  r.getNode().getId() + "Logs")
              .retention(retention)
              .removalPolicy(RemovalPolicy.DESTROY)
              .build();
      r.addPropertyOverride("LoggingConfig.LogGroup", logs.getLogGroupName());
      added.add(logs);
    }
    // Secrets Manager's rotation functions come from the Serverless Application Repository, in a
    // nested stack we cannot edit, but under a function name the stack chooses.
    for (IConstruct c : stack.getNode().findAll()) {
      if (c instanceof CfnApplication app
          && app.getParameters() instanceof Map<?, ?> parameters
          && parameters.get("functionName") instanceof String name) {
        LogGroup logs =
            LogGroup.Builder.create(app, "FunctionLogs")
                .logGroupName("/aws/lambda/" + name)
                .retention(retention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        app.getNode().addDependency(logs);
        added.add(logs);
      }
    }
    return added;
  }
}
