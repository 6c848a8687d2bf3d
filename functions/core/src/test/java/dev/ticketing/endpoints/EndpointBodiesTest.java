package dev.ticketing.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.error.RequestBodyGuard;
import dev.ticketing.routes.Function;
import dev.ticketing.routes.Routes;
import dev.ticketing.testing.ApiEvents;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which requests the lean endpoints answer themselves and which they hand to Micronaut: a route
 * that takes a body gets a small JSON body (or none); every body Micronaut's guard would refuse,
 * and any body on a route that takes none, is handed on so that Micronaut answers it as before.
 */
class EndpointBodiesTest {
  private static final String RESERVATIONS = "/api/performances/7/reservations";
  private static final String HOLD = RESERVATIONS + "/abc";

  private final List<JsonNode> bodies = new ArrayList<>();
  private Endpoints endpoints;

  @BeforeEach
  void endpoints() {
    JsonMapper json = JsonMapper.createDefault();
    Endpoints e = new Endpoints(Function.RESERVE_SEAT, json);
    endpoints =
        e.withBody(
                "POST",
                Routes.RESERVATIONS,
                r -> {
                  bodies.add(r.body());
                  return e.json(201, Map.of("id", r.pathParameter("id")), Map.of());
                })
            .on("GET", Routes.RESERVATION, r -> e.json(200, Map.of(), Map.of()));
  }

  @Test
  void aJsonBodyIsReadByTheEndpoint() {
    Optional<APIGatewayProxyResponseEvent> answer =
        endpoints.answer(ApiEvents.post(RESERVATIONS).json("{\"seatIds\":[3,4]}").build());

    assertEquals(201, answer.orElseThrow().getStatusCode());
    assertEquals(2, bodies.get(0).get("seatIds").size());
  }

  @Test
  void aJsonBodyWithACharsetIsReadByTheEndpoint() {
    APIGatewayProxyRequestEvent event =
        ApiEvents.post(RESERVATIONS)
            .body("application/json; charset=utf-8", "{\"count\":2}")
            .build();

    assertEquals(201, endpoints.answer(event).orElseThrow().getStatusCode());
    assertEquals(2, bodies.get(0).get("count").getIntValue());
  }

  @Test
  void noBodyReachesTheEndpointAsNull() {
    assertEquals(
        201, endpoints.answer(ApiEvents.post(RESERVATIONS).build()).orElseThrow().getStatusCode());
    assertEquals(1, bodies.size());
    assertEquals(null, bodies.get(0));
  }

  @Test
  void aBodyThatDoesNotParseReachesTheEndpointAsNullForItsOwn400() {
    endpoints.answer(ApiEvents.post(RESERVATIONS).json("{\"seatIds\":").build()).orElseThrow();

    assertEquals(null, bodies.get(0));
  }

  @Test
  void aBodyThatIsNotJsonIsHandedToMicronautsGuard() {
    assertTrue(
        endpoints
            .answer(ApiEvents.post(RESERVATIONS).body("text/plain", "seats").build())
            .isEmpty());
    assertTrue(bodies.isEmpty());
  }

  @Test
  void anOversizedBodyIsHandedToMicronautsGuard() {
    String big = "{\"x\":\"" + "a".repeat(RequestBodyGuard.MAX_BODY_BYTES) + "\"}";

    assertTrue(endpoints.answer(ApiEvents.post(RESERVATIONS).json(big).build()).isEmpty());
  }

  @Test
  void aBase64BodyIsHandedToMicronaut() {
    APIGatewayProxyRequestEvent event = ApiEvents.post(RESERVATIONS).json("e30=").build();
    event.setIsBase64Encoded(true);

    assertTrue(endpoints.answer(event).isEmpty());
  }

  @Test
  void aBodyWithoutItsLengthIsHandedToMicronaut() {
    APIGatewayProxyRequestEvent event = ApiEvents.post(RESERVATIONS).json("{}").build();
    event.getHeaders().remove("Content-Length");
    event.getMultiValueHeaders().remove("Content-Length");

    assertTrue(endpoints.answer(event).isEmpty());
  }

  @Test
  void aBodyOnARouteThatTakesNoneIsHandedToMicronaut() {
    assertTrue(endpoints.answer(ApiEvents.get(HOLD).json("{}").build()).isEmpty());
    assertTrue(endpoints.answer(ApiEvents.get(HOLD).build()).isPresent());
  }
}
