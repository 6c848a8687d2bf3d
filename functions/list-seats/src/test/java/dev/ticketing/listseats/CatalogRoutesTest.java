package dev.ticketing.listseats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.TestPerformances;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog through the list-seats Lambda handler, with API Gateway events, on real MariaDB. */
class CatalogRoutesTest {
  private static ListSeatsFunction function;
  private static ApplicationContext context;
  private static Performance performance;
  private static JsonMapper json;

  @BeforeAll
  static void start() {
    context = TestStores.context(FunctionEnvironments.LIST_SEATS);
    function = new ListSeatsFunction(context);
    json = context.getBean(JsonMapper.class);
    performance = TestPerformances.create(context, 3, 10);
  }

  @AfterAll
  static void stop() {
    function.close();
  }

  private static APIGatewayProxyResponseEvent call(ApiEvents request) {
    return function.handleRequest(request.build(), null);
  }

  @SuppressWarnings("unchecked")
  private static <T> T body(APIGatewayProxyResponseEvent response, Class<T> type)
      throws IOException {
    return json.readValue(response.getBody(), type);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theListShowsAPerformanceWithItsSeatCounts() throws IOException {
    APIGatewayProxyResponseEvent response = call(ApiEvents.get("/api/performances"));
    assertEquals(200, response.getStatusCode());
    List<Map<String, Object>> list =
        json.readValue(
            response.getBody(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    Map<String, Object> mine =
        list.stream()
            .filter(p -> ((Number) p.get("id")).longValue() == performance.id())
            .findFirst()
            .orElseThrow();
    assertEquals(performance.name(), mine.get("name"));
    assertEquals(30, ((Number) mine.get("seatCount")).intValue());
    assertEquals(30, ((Number) mine.get("availableCount")).intValue());
    assertTrue(mine.containsKey("saleOpensAt"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void detailsListZonesAndGradesWithPrices() throws IOException {
    APIGatewayProxyResponseEvent response =
        call(ApiEvents.get("/api/performances/" + performance.id()));
    assertEquals(200, response.getStatusCode());
    Map<String, Object> details = body(response, Map.class);
    List<Map<String, Object>> zones = (List<Map<String, Object>>) details.get("zones");
    List<Map<String, Object>> grades = (List<Map<String, Object>>) details.get("grades");
    assertEquals("Main", zones.get(0).get("name"));
    assertEquals(30, ((Number) zones.get(0).get("seatCount")).intValue());
    assertEquals("R", grades.get(0).get("name"));
    assertEquals(100.0, ((Number) grades.get(0).get("price")).doubleValue());
  }

  @Test
  void anUnknownPerformanceIsA404InOurErrorShape() throws IOException {
    assertError(call(ApiEvents.get("/api/performances/987654321")), 404, "not_found");
  }

  @Test
  void aNonNumericIdIsA400() throws IOException {
    assertError(call(ApiEvents.get("/api/performances/abc")), 400, "invalid_id");
    assertError(call(ApiEvents.get("/api/performances/-1")), 400, "invalid_id");
    assertError(call(ApiEvents.get("/api/performances/99999999999999999999")), 400, "invalid_id");
  }

  @Test
  void aWrongMethodIsA405() throws IOException {
    assertError(
        call(ApiEvents.request("PUT", "/api/performances/" + performance.id()).json("{}")),
        405,
        "method_not_allowed");
    assertError(call(ApiEvents.delete("/api/performances")), 405, "method_not_allowed");
  }

  @Test
  void aBodyThatIsNotJsonIsA415() throws IOException {
    assertError(
        call(ApiEvents.post("/api/performances").body("text/plain", "hello")),
        415,
        "unsupported_media_type");
  }

  @Test
  void anOversizedBodyIsA413() throws IOException {
    assertError(
        call(ApiEvents.post("/api/performances").json("[" + "1,".repeat(20_000) + "1]")),
        413,
        "payload_too_large");
  }

  @Test
  void anUnknownRouteIsA404() throws IOException {
    assertError(call(ApiEvents.get("/api/nothing-here")), 404, "not_found");
  }

  @SuppressWarnings("unchecked")
  private static void assertError(APIGatewayProxyResponseEvent response, int status, String code)
      throws IOException {
    assertEquals(status, response.getStatusCode(), response.getBody());
    Map<String, Object> error = body(response, Map.class);
    assertEquals(code, error.get("error"));
    assertTrue(error.get("message") instanceof String);
    assertFalse(response.getBody().contains("Exception"), response.getBody());
  }
}
