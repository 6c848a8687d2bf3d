package dev.ticketing.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one {@link TicketingStack} named {@code Ticketing-<stage>} ({@code -c stage=...},
 * default {@value DeploymentSettings#DEFAULT_STAGE}), checked by cdk-nag's AwsSolutions pack. Run
 * by the cdk CLI ({@code cdk.json}) or directly: with no {@code CDK_OUTDIR} set it writes {@code
 * cdk.out/} under the working directory, offline and without AWS credentials.
 */
public final class TicketingApp {
  public static final String STACK_NAME_PREFIX = "Ticketing-";

  /** The stack of the default stage. */
  public static final String STACK_NAME = STACK_NAME_PREFIX + DeploymentSettings.DEFAULT_STAGE;

  private TicketingApp() {}

  public static void main(String[] args) {
    App app = newApp(Map.of());
    try {
      stack(app);
    } catch (DeploymentSettings.InvalidContextException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
    app.synth();
  }

  /**
   * Feature flags the stack relies on, set here rather than only in cdk.json so that the CLI, the
   * tests and a plain {@code main} synthesize the same template.
   */
  static final Map<String, Object> FEATURE_FLAGS =
      Map.of(
          // The bastion's IMDSv2 launch template gets a per-stack name instead of a fixed one.
          "@aws-cdk/aws-ec2:uniqueImdsv2TemplateName", true);

  /** An app with the given extra context; writes to {@code cdk.out} unless the CLI chose a dir. */
  public static App newApp(Map<String, Object> context) {
    return newApp(context, System.getenv("CDK_OUTDIR") == null ? "cdk.out" : null);
  }

  /** An app with the given extra context writing to {@code outdir} (null: the CLI's choice). */
  public static App newApp(Map<String, Object> context, String outdir) {
    Map<String, Object> all = new HashMap<>(FEATURE_FLAGS);
    all.putAll(context);
    AppProps.Builder props = AppProps.builder().context(all);
    if (outdir != null) {
      props.outdir(outdir);
    }
    return new App(props.build());
  }

  /** Adds the stack, configured from the app's context, and the cdk-nag checks. */
  public static TicketingStack stack(App app) {
    DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
    TicketingStack stack =
        new TicketingStack(
            app,
            settings.stackName(),
            StackProps.builder()
                .description(
                    "Concert ticketing ("
                        + settings.stage()
                        + "): queue, live seat map, reservations")
                .build(),
            settings,
            ProjectPaths.discover(
                Optional.ofNullable(app.getNode().tryGetContext("frontendDir"))
                    .map(Object::toString)));
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return stack;
  }
}
