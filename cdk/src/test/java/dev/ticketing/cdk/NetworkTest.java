package dev.ticketing.cdk;

import static dev.ticketing.cdk.Json.at;
import static dev.ticketing.cdk.Json.list;
import static dev.ticketing.cdk.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.ec2.ISecurityGroup;

class NetworkTest {
  private final Synthesized s = Synthesized.defaults();

  /** Logical ids of the subnets whose aws-cdk:subnet-type tag is {@code type}. */
  static Set<String> subnets(Synthesized s, String type) {
    Set<String> ids = new TreeSet<>();
    for (String id : s.ofType("AWS::EC2::Subnet")) {
      for (Object tag : list(s.properties(id).get("Tags"))) {
        if ("aws-cdk:subnet-type".equals(map(tag).get("Key"))
            && type.equals(map(tag).get("Value"))) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  static Set<String> refs(Object listOfRefs) {
    Set<String> ids = new TreeSet<>();
    for (Object o : list(listOfRefs)) {
      ids.add((String) map(o).get("Ref"));
    }
    return ids;
  }

  @Test
  void vpcHasPublicPrivateAndIsolatedSubnetsInTwoAvailabilityZones() {
    for (String type : List.of("Public", "Private", "Isolated")) {
      Set<String> ids = subnets(s, type);
      assertEquals(2, ids.size(), type);
      Set<Object> zones = new HashSet<>();
      for (String id : ids) {
        Object az = s.properties(id).get("AvailabilityZone");
        // Environment agnostic: Fn::Select [i, Fn::GetAZs ""], no lookup.
        assertNotNull(at(az, "Fn::Select"), type + " subnet AZ must come from Fn::GetAZs: " + az);
        zones.add(az);
      }
      assertEquals(2, zones.size(), type + " subnets must be in two different zones");
    }
  }

  @Test
  void eachAvailabilityZoneHasItsOwnNatGatewayInAPublicSubnet() {
    List<String> nats = s.ofType("AWS::EC2::NatGateway");
    assertEquals(2, nats.size());
    Set<String> natSubnets = new TreeSet<>();
    for (String nat : nats) {
      natSubnets.add((String) at(s.properties(nat), "SubnetId", "Ref"));
    }
    assertEquals(subnets(s, "Public"), natSubnets);
  }

  @Test
  void nothingButNatGatewaysIsPlacedInPublicSubnets() {
    Set<String> publicSubnets = subnets(s, "Public");
    for (Map.Entry<String, Object> e : s.resources().entrySet()) {
      String type = (String) map(e.getValue()).get("Type");
      if (type.equals("AWS::EC2::NatGateway")
          || type.equals("AWS::EC2::SubnetRouteTableAssociation")
          || type.equals("AWS::EC2::Subnet")) {
        continue;
      }
      // DependsOn may name them (the migration trigger waits for the whole network); placement
      // is in Properties.
      String json = Json.write(map(e.getValue()).get("Properties"));
      for (String subnet : publicSubnets) {
        assertFalse(
            json.contains("\"" + subnet + "\""), e.getKey() + " uses public subnet " + subnet);
      }
    }
  }

  @Test
  void functionsSitInPrivateSubnetsAndDataStoresInIsolatedOnes() {
    Set<String> privateSubnets = subnets(s, "Private");
    Set<String> isolated = subnets(s, "Isolated");
    for (String fn :
        List.of(
            s.logicalId(s.stack.functions().api("issue-ticket").function()),
            s.logicalId(s.stack.functions().advancer().function()),
            s.logicalId(s.stack.functions().migration().function()))) {
      assertEquals(privateSubnets, refs(at(s.properties(fn), "VpcConfig", "SubnetIds")), fn);
    }
    assertEquals(
        isolated, refs(s.properties(s.ofType("AWS::RDS::DBSubnetGroup").get(0)).get("SubnetIds")));
    assertEquals(isolated, refs(s.properties(s.stack.database().proxy()).get("VpcSubnetIds")));
    assertEquals(
        isolated,
        refs(s.properties(s.ofType("AWS::ElastiCache::SubnetGroup").get(0)).get("SubnetIds")));
    for (String id : isolated) {
      assertEquals(Boolean.FALSE, s.properties(id).get("MapPublicIpOnLaunch"));
    }
  }

  @Test
  void onlyTheFunctionsAndTheBastionReachMysqlAndRedisOnTheirPortsOnly() {
    String functions = s.logicalId(s.stack.network().functions());
    String bastion = s.logicalId(s.stack.bastion().securityGroup());
    String proxy = s.logicalId(s.stack.database().proxyGroup());
    String mysqlPort = "3306";

    String migration = s.logicalId(s.stack.functions().migrationGroup());
    Map<String, Set<String>> instance = new java.util.HashMap<>();
    instance.put(proxy, Set.of(mysqlPort));
    instance.put(bastion, Set.of(mysqlPort));
    instance.put(migration, Set.of(mysqlPort));
    // Secrets Manager's rotation functions, one per secret, log in to change the password.
    for (String group : s.ofType("AWS::EC2::SecurityGroup")) {
      if (group.contains("Rotation")) {
        instance.put(group, Set.of(mysqlPort));
      }
    }
    assertEquals(5, instance.size());
    assertEquals(
        instance,
        ingress(s.stack.database().instanceGroup()),
        "MySQL instance: the proxy (which the functions use), the migration, the two rotation"
            + " functions and the bastion");
    assertEquals(
        Map.of(functions, Set.of(mysqlPort)),
        ingress(s.stack.database().proxyGroup()),
        "RDS Proxy");
    assertEquals(
        Map.of(functions, Set.of("6379"), bastion, Set.of("6379")),
        ingress(s.stack.cache().securityGroup()),
        "Redis");
  }

  @Test
  void noSecurityGroupAdmitsTheInternet() {
    for (String id : s.ofType("AWS::EC2::SecurityGroup")) {
      assertTrue(s.properties(id).get("SecurityGroupIngress") == null, id + " has inline ingress");
    }
    for (String id : s.ofType("AWS::EC2::SecurityGroupIngress")) {
      Map<String, Object> p = s.properties(id);
      assertNotNull(p.get("SourceSecurityGroupId"), id + " admits a CIDR: " + p);
    }
  }

  @Test
  void rejectedTrafficIsRecordedByVpcFlowLogs() {
    s.template.resourceCountIs("AWS::EC2::FlowLog", 1);
  }

  /** Source group logical id → ports, over the group's separate ingress resources. */
  private Map<String, Set<String>> ingress(ISecurityGroup group) {
    String groupId = s.logicalId(group);
    Map<String, Set<String>> sources = new java.util.TreeMap<>();
    for (String id : s.ofType("AWS::EC2::SecurityGroupIngress")) {
      Map<String, Object> p = s.properties(id);
      if (!groupId.equals(at(p, "GroupId", "Fn::GetAtt", 0))) {
        continue;
      }
      assertEquals("tcp", p.get("IpProtocol"), id);
      assertEquals(p.get("FromPort"), p.get("ToPort"), id + " opens a range");
      String source = (String) at(p, "SourceSecurityGroupId", "Fn::GetAtt", 0);
      sources.computeIfAbsent(source, k -> new TreeSet<>()).add(port(p.get("FromPort")));
    }
    assertTrue(s.properties(groupId).get("SecurityGroupIngress") == null);
    return sources;
  }

  /** A literal port, or the database's endpoint port (RDS Proxy's own rule), set to 3306. */
  private String port(Object fromPort) {
    if (fromPort instanceof Number n) {
      return Integer.toString(n.intValue());
    }
    assertEquals(
        List.of(s.logicalId(s.stack.database().instance()), "Endpoint.Port"),
        at(fromPort, "Fn::GetAtt"));
    return (String) s.properties(s.stack.database().instance()).get("Port");
  }
}
