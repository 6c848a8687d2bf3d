package dev.ticketing.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** No log group the stack causes is kept forever. */
class LogRetentionTest {
  private final Synthesized s = Synthesized.defaults();

  @Test
  void everyLogGroupExpiresAfterThirtyDays() {
    for (String id : s.ofType("AWS::Logs::LogGroup")) {
      assertEquals(30, s.properties(id).get("RetentionInDays"), id);
      assertEquals("Delete", s.resource(id).get("DeletionPolicy"), id);
    }
  }

  @Test
  void everyLambdaFunctionWritesToALogGroupOfTheStackCdksOwnHandlersIncluded() {
    for (String id : s.ofType("AWS::Lambda::Function")) {
      Object group = Json.at(s.properties(id), "LoggingConfig", "LogGroup");
      assertNotNull(group, id + " would create /aws/lambda/<name> and keep it forever");
      String ref = (String) Json.at(group, "Ref");
      assertNotNull(ref, id + ": " + group);
      assertEquals("AWS::Logs::LogGroup", s.resource(ref).get("Type"), id);
    }
  }

  @Test
  void theServicesOwnLogGroupsExistBeforeTheServicesWriteThem() {
    Map<String, Object> rds = s.resource(s.logicalId(s.stack.database().instance()));
    String deps = Json.write(rds.get("DependsOn"));
    for (String id : s.ofType("AWS::Logs::LogGroup")) {
      if (Json.write(s.properties(id).get("LogGroupName")).contains("/aws/rds/instance/")) {
        org.junit.jupiter.api.Assertions.assertTrue(deps.contains(id), "RDS waits for " + id);
      }
    }
  }
}
