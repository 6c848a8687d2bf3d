package dev.ticketing.cdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputsTest {
  @Test
  void stackOutputsTheUrlsTheBastionAndTheDataStoreEndpoints() {
    Synthesized s = Synthesized.defaults();
    Map<String, Object> outputs = Json.map(s.json().get("Outputs"));
    for (String name :
        List.of(
            "ApiUrl",
            "SpaUrl",
            "BastionInstanceId",
            "DbEndpoint",
            "DbProxyEndpoint",
            "RedisPrimaryEndpoint",
            "RedisReaderEndpoint",
            "DbSecretArn",
            "RedisAuthSecretArn")) {
      assertTrue(outputs.containsKey(name), name + " missing from " + outputs.keySet());
    }
    String distribution = s.logicalId(s.stack.website().distribution());
    assertTrue(Json.write(outputs.get("ApiUrl")).contains(distribution));
    assertTrue(Json.write(outputs.get("ApiUrl")).contains("/api"));
    assertTrue(
        Json.write(outputs.get("BastionInstanceId"))
            .contains(s.logicalId(s.stack.bastion().host().getInstance())));
    assertTrue(Json.write(outputs.get("RedisReaderEndpoint")).contains("ReaderEndPoint.Address"));
  }
}
