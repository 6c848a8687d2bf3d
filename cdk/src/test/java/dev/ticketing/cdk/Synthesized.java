package dev.ticketing.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.constructs.IConstruct;

/**
 * A synthesized app, shared by the test classes: synth of the whole stack (with its six function
 * jars) takes tens of seconds, so each configuration is synthesized once per test JVM.
 */
final class Synthesized {
  final App app;
  final TicketingStack stack;
  final CloudAssembly assembly;
  final Template template;
  private final Map<String, Object> json;

  private Synthesized(App app) {
    this.app = app;
    stack = TicketingApp.stack(app);
    assembly = app.synth();
    template = Template.fromStack(stack);
    json = template.toJSON();
  }

  /**
   * The default deployment, synthesized exactly as {@code TicketingApp.main} does: into {@code
   * cdk/cdk.out}, which is the documented offline synth.
   */
  static Synthesized defaults() {
    return Defaults.INSTANCE;
  }

  /**
   * A non-default deployment: the staging stage, without deletion protection, optimistic locking.
   */
  static Synthesized variant() {
    return Variant.INSTANCE;
  }

  /** The default deployment with one change: the lock strategy. */
  static Synthesized strategySwitched() {
    return StrategySwitched.INSTANCE;
  }

  private static final class StrategySwitched {
    static final Synthesized INSTANCE =
        new Synthesized(
            TicketingApp.newApp(
                Map.of("lockStrategy", "pessimistic", "aws:cdk:disable-asset-staging", true),
                tempDir().toString()));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("ticketing-cdk-synth");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Defaults {
    static final Synthesized INSTANCE = new Synthesized(TicketingApp.newApp(Map.of()));
  }

  private static final class Variant {
    static final Synthesized INSTANCE =
        new Synthesized(
            TicketingApp.newApp(
                Map.of(
                    "stage", "staging",
                    "lockStrategy", "optimistic",
                    "deletionProtection", "false",
                    "queueCapacity", "250",
                    "alarmEmail", "ops@example.com",
                    "frontendDir", "/nonexistent/frontend/dist",
                    // Point assets at their sources instead of copying the jars again.
                    "aws:cdk:disable-asset-staging", true),
                tempDir().toString()));
  }

  /** The CloudFormation logical id of a construct's resource (its default child). */
  String logicalId(IConstruct construct) {
    IConstruct c = construct;
    while (!(c instanceof CfnElement)) {
      c = c.getNode().getDefaultChild();
      if (c == null) {
        throw new IllegalArgumentException(construct.getNode().getPath() + " has no resource");
      }
    }
    return (String) Stack.of(c).resolve(((CfnElement) c).getLogicalId());
  }

  /** {"Ref": logicalId} */
  Map<String, Object> ref(IConstruct construct) {
    return Map.of("Ref", logicalId(construct));
  }

  /** {"Fn::GetAtt": [logicalId, attribute]} */
  Map<String, Object> getAtt(IConstruct construct, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId(construct), attribute));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> resources() {
    return (Map<String, Object>) json.get("Resources");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> resource(String logicalId) {
    Map<String, Object> r = (Map<String, Object>) resources().get(logicalId);
    if (r == null) {
      throw new AssertionError("no resource " + logicalId);
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> properties(String logicalId) {
    return (Map<String, Object>) resource(logicalId).getOrDefault("Properties", Map.of());
  }

  Map<String, Object> properties(IConstruct construct) {
    return properties(logicalId(construct));
  }

  /** The whole template, converted once. */
  Map<String, Object> json() {
    return json;
  }

  /** Logical ids of every resource of a type. */
  List<String> ofType(String type) {
    List<String> ids = new ArrayList<>();
    resources()
        .forEach(
            (id, r) -> {
              if (type.equals(((Map<?, ?>) r).get("Type"))) {
                ids.add(id);
              }
            });
    return ids;
  }
}
