package dev.ticketing.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Two stages of the service side by side in one account and region. */
class StagesTest {
  /** Properties that set a physical name (unique per account and region for their type). */
  static final Set<String> NAME_PROPERTIES =
      Set.of(
          "DBProxyName",
          "DBInstanceIdentifier",
          "ReplicationGroupId",
          "DashboardName",
          "LogGroupName",
          "FunctionName",
          "RoleName",
          "TopicName",
          "BucketName",
          "SecretName",
          "AlarmName",
          "RuleName",
          "CacheSubnetGroupName",
          "DBSubnetGroupName");

  /** Types whose {@code Name} is unique in the account (an alias's or a stage's is not). */
  static final Set<String> ACCOUNT_SCOPED_NAME =
      Set.of(
          "AWS::WAFv2::WebACL",
          "AWS::CloudFront::Function",
          "AWS::CloudFront::OriginAccessControl",
          "AWS::CloudFront::CachePolicy",
          "AWS::CloudFront::ResponseHeadersPolicy",
          "AWS::Events::Rule",
          "AWS::Serverless::Application");

  /** type + name → resource, for every physical name spelled out as a plain string. */
  static Map<String, String> physicalNames(Synthesized s) {
    Map<String, String> names = new TreeMap<>();
    s.resources()
        .forEach(
            (id, r) -> {
              String type = (String) Json.map(r).get("Type");
              Map<String, Object> props =
                  Json.map(Json.map(r).getOrDefault("Properties", Map.of()));
              props.forEach(
                  (key, value) -> {
                    boolean naming =
                        NAME_PROPERTIES.contains(key)
                            || (key.equals("Name") && ACCOUNT_SCOPED_NAME.contains(type));
                    if (naming && value instanceof String name) {
                      names.put(type + " " + name, id);
                    }
                  });
            });
    return names;
  }

  @Test
  void stagingAndProdSynthesizeInOneAccountWithoutANameClash() {
    Synthesized prod = Synthesized.defaults();
    Synthesized staging = Synthesized.variant();
    assertEquals("Ticketing-prod", prod.stack.getStackName());
    assertEquals("Ticketing-staging", staging.stack.getStackName());

    Map<String, String> prodNames = physicalNames(prod);
    Map<String, String> stagingNames = physicalNames(staging);
    assertTrue(
        prodNames.keySet().stream().anyMatch(n -> n.contains("ticketing-prod-proxy")),
        "the proxy's name is stage-aware: " + prodNames.keySet());
    for (String name : prodNames.keySet()) {
      assertFalse(
          stagingNames.containsKey(name),
          name + " is in both stacks (" + prodNames.get(name) + ")");
    }
    for (String name : List.copyOf(stagingNames.keySet())) {
      if (name.startsWith("AWS::ApiGateway::RestApi")
          || name.startsWith("AWS::Lambda::Permission")) {
        continue;
      }
      assertTrue(
          name.toLowerCase().contains("staging") || !name.matches(".*[Tt]icketing.*"),
          "a fixed name without the stage: " + name);
    }
  }

  @Test
  void theOnlyAccountWideSettingIsApiGatewaysLoggingRoleAndItOutlivesEitherStack() {
    Synthesized s = Synthesized.defaults();
    List<String> accounts = s.ofType("AWS::ApiGateway::Account");
    assertEquals(1, accounts.size());
    assertEquals("Retain", s.resource(accounts.get(0)).get("DeletionPolicy"));
  }
}
