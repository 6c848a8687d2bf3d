package dev.ticketing.cdk;

import static dev.ticketing.cdk.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class BastionTest {
  private final Synthesized s = Synthesized.defaults();

  private Map<String, Object> instance() {
    return s.properties(s.logicalId(s.stack.bastion().host().getInstance()));
  }

  @Test
  void bastionSitsInAPrivateSubnetWithoutAPublicAddressOrKey() {
    Map<String, Object> instance = instance();
    String subnet = (String) at(instance, "SubnetId", "Ref");
    assertTrue(NetworkTest.subnets(s, "Private").contains(subnet), "bastion subnet " + subnet);
    assertEquals(false, s.properties(subnet).get("MapPublicIpOnLaunch"));
    assertNull(instance.get("KeyName"), "no SSH key pair");
    assertNull(instance.get("NetworkInterfaces"), "no extra (public) interface");
  }

  @Test
  void bastionAdmitsNoInboundTrafficAtAllSoNoSsh() {
    String group = s.logicalId(s.stack.bastion().securityGroup());
    assertNull(s.properties(group).get("SecurityGroupIngress"));
    for (String id : s.ofType("AWS::EC2::SecurityGroupIngress")) {
      Map<String, Object> rule = s.properties(id);
      assertFalse(group.equals(at(rule, "GroupId", "Fn::GetAtt", 0)), id + " opens the bastion");
      Object from = rule.get("FromPort");
      assertFalse(
          from instanceof Number n
              && n.intValue() <= 22
              && ((Number) rule.get("ToPort")).intValue() >= 22,
          id + " opens SSH");
    }
    assertEquals(
        java.util.List.of(Map.of("Fn::GetAtt", java.util.List.of(group, "GroupId"))),
        instance().get("SecurityGroupIds"));
  }

  @Test
  void bastionIsReachedThroughSessionManagerWithImdsV2() {
    String role = s.logicalId(s.stack.bastion().host().getRole());
    boolean sessionManager = false;
    for (String policy : s.ofType("AWS::IAM::Policy")) {
      Map<String, Object> p = s.properties(policy);
      if (Json.list(p.get("Roles")).contains(Map.of("Ref", role))) {
        sessionManager |= Json.write(p.get("PolicyDocument")).contains("ssmmessages:*");
      }
    }
    assertTrue(sessionManager, "the bastion's role lets the SSM agent open sessions");
    s.template.hasResourceProperties(
        "AWS::EC2::LaunchTemplate",
        Map.of(
            "LaunchTemplateData",
            Match.objectLike(
                Map.of("MetadataOptions", Match.objectLike(Map.of("HttpTokens", "required"))))));
  }

  @Test
  void bastionCanReachMysqlAndRedisForPortForwarding() {
    String bastion = s.logicalId(s.stack.bastion().securityGroup());
    s.template.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Map.of(
            "GroupId",
            s.getAtt(s.stack.database().instanceGroup(), "GroupId"),
            "SourceSecurityGroupId",
            Map.of("Fn::GetAtt", java.util.List.of(bastion, "GroupId")),
            "FromPort",
            3306,
            "ToPort",
            3306));
    s.template.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Map.of(
            "GroupId",
            s.getAtt(s.stack.cache().securityGroup(), "GroupId"),
            "SourceSecurityGroupId",
            Map.of("Fn::GetAtt", java.util.List.of(bastion, "GroupId")),
            "FromPort",
            6379,
            "ToPort",
            6379));
    assertTrue(
        Json.write(instance().get("UserData")).contains("redis6"),
        "the bastion carries redis-cli and the mysql client");
  }
}
