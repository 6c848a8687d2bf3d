package dev.ticketing.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.metrics.MetricGroup;
import dev.ticketing.metrics.ServiceMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.cloudwatch.Alarm;

class ObservabilityTest {
  private final Synthesized s = Synthesized.defaults();

  @Test
  void alarmsCover5xxRateThrottlesRedisCpuAndMemoryAndDatabaseConnections() {
    Map<String, Alarm> alarms = s.stack.observability().alarms();
    assertTrue(
        alarms
            .keySet()
            .containsAll(
                List.of(
                    "Api5xxRate", "FunctionThrottles", "RedisCpu", "RedisMemory", "DbConnections")),
        alarms.keySet().toString());
    String topic = s.logicalId(s.stack.observability().alarmTopic());
    for (Map.Entry<String, Alarm> e : alarms.entrySet()) {
      Map<String, Object> alarm = s.properties(e.getValue());
      assertEquals(List.of(Map.of("Ref", topic)), alarm.get("AlarmActions"), e.getKey());
    }
    String redisCpu = Json.write(s.properties(alarms.get("RedisCpu")));
    for (String node : s.stack.cache().nodeIds()) {
      assertTrue(redisCpu.contains(node), "CPU of every Redis node: " + node);
    }
    assertTrue(redisCpu.contains("EngineCPUUtilization"));
    assertTrue(Json.write(s.properties(alarms.get("Api5xxRate"))).contains("5XXError"));
    assertTrue(
        Json.write(s.properties(alarms.get("DbConnections"))).contains("DatabaseConnections"));
  }

  @Test
  void dashboardGraphsExactlyTheMetricsTheFunctionsPublishWithTheirDimensions() {
    Map<String, List<Object>> graphed = new TreeMap<>();
    for (Object widget : Json.list(dashboardBody().get("widgets"))) {
      Object metrics = Json.at(widget, "properties", "metrics");
      for (Object m : metrics == null ? List.of() : Json.list(metrics)) {
        List<Object> metric = Json.list(m);
        if (MetricGroup.NAMESPACE.equals(metric.get(0))) {
          graphed.put((String) metric.get(1), metric.subList(2, metric.size()));
        }
      }
    }
    Map<String, List<Object>> published = new TreeMap<>();
    for (ServiceMetric m : ServiceMetric.values()) {
      List<Object> rest = new ArrayList<>();
      for (String key : m.group().dimensions()) {
        rest.add(key);
        rest.add(key.equals(MetricGroup.LOCK_STRATEGY) ? "atomic" : "?");
      }
      rest.add(Map.of("period", 60, "stat", m.statistic().cloudWatchName()));
      published.put(m.metricName(), rest);
    }
    assertEquals(published, graphed);
    assertEquals(
        Set.of("TicketsIssued", "Admissions", "QueueDepth", "Reservations", "ReservationConflicts"),
        graphed.keySet());
  }

  /**
   * The dashboard's JSON, its CloudFormation references (region, names of resources) replaced by
   * {@code x}.
   */
  private Map<String, Object> dashboardBody() {
    Object body = s.properties(s.ofType("AWS::CloudWatch::Dashboard").get(0)).get("DashboardBody");
    Object parts = Json.at(body, "Fn::Join", 1);
    StringBuilder json = new StringBuilder();
    for (Object part : Json.list(parts)) {
      json.append(part instanceof String text ? text : "x");
    }
    return Json.parse(json.toString());
  }

  @Test
  void alarmTopicIsEncryptedAndAnEmailCanSubscribe() {
    Map<String, Object> topic = s.properties(s.stack.observability().alarmTopic());
    assertTrue(topic.get("KmsMasterKeyId") != null);
    s.template.resourceCountIs("AWS::SNS::Subscription", 0);
    Synthesized.variant()
        .template
        .hasResourceProperties(
            "AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
    assertEquals(
        Map.of("Fn::GetAtt", List.of(s.ofType("AWS::KMS::Key").get(0), "Arn")),
        topic.get("KmsMasterKeyId"));
  }

  @Test
  void anAdvancerThatStopsRunningAlarmsBecauseNoDataIsBreaching() {
    Map<String, Object> alarm =
        s.properties(s.stack.observability().alarms().get("AdvancerNotRunning"));
    assertEquals("breaching", alarm.get("TreatMissingData"));
    assertEquals("LessThanThreshold", alarm.get("ComparisonOperator"));
    assertEquals("Invocations", alarm.get("MetricName"));
    assertEquals(
        List.of(
            Map.of(
                "Name", "FunctionName", "Value", s.ref(s.stack.functions().advancer().function()))),
        alarm.get("Dimensions"));
    assertEquals(3, alarm.get("EvaluationPeriods"));
  }

  @Test
  void burstableInstancesWarnBeforeTheyRunOutOfCpuCredits() {
    Map<String, Alarm> alarms = s.stack.observability().alarms();
    String db = Json.write(s.properties(alarms.get("DbCpuCredits")));
    assertTrue(db.contains("CPUCreditBalance") && db.contains("LessThanThreshold"), db);
    String redis = Json.write(s.properties(alarms.get("RedisCpuCredits")));
    for (String node : s.stack.cache().nodeIds()) {
      assertTrue(redis.contains(node), "every Redis node: " + node);
    }
    // Only burstable classes earn credits; -c dbInstanceType=r7g.large gets no such alarm.
    assertTrue(Observability.burstable("t4g.medium"));
    assertTrue(!Observability.burstable("r7g.large"));
  }
}
