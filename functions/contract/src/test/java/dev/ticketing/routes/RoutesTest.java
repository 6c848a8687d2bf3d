package dev.ticketing.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesTest {

  @Test
  void noResourceAndMethodIsDeclaredTwice() {
    Set<String> seen = new HashSet<>();
    for (Route route : Routes.ALL) {
      assertTrue(seen.add(route.method() + " " + route.resource()), route + " twice");
    }
  }

  @Test
  void everyResourceHasAnAnyRouteSoAWrongMethodReachesItsFunction() {
    for (String resource : Routes.resources()) {
      assertEquals(1, Routes.of(resource).stream().filter(Route::isAny).count(), resource);
    }
  }

  @Test
  void aRequestGoesToTheFunctionOfItsMethodElseToTheResourcesAnyRoute() {
    assertEquals(Function.ISSUE_TICKET, function("POST", "/api/performances/7/queue"));
    assertEquals(Function.POLL_POSITION, function("GET", "/api/performances/7/queue/"));
    assertEquals(Function.POLL_POSITION, function("PATCH", "/api/performances/7/queue"));
    assertEquals(Function.POLL_POSITION, function("GET", "/api/performances/7/queue/state"));
    assertEquals(Function.POLL_POSITION, function("POST", "/api/performances/7/queue/state"));
    assertEquals(
        Routes.QUEUE_STATE,
        Routes.match("GET", "/api/performances/7/queue/state").orElseThrow().route().resource());
    assertEquals(Function.LIST_SEATS, function("GET", "/api/performances"));
    assertEquals(Function.RESERVE_SEAT, function("GET", "/api/performances/x/reservations"));
    assertEquals(
        "7",
        Routes.match("GET", "/api/performances/7/seats").orElseThrow().pathParameters().get("id"));
    assertTrue(Routes.match("GET", "/api/performances/7/other").isEmpty());
    Routes.Match confirm =
        Routes.match("POST", "/api/performances/7/reservations/3f1c/confirm").orElseThrow();
    assertEquals(Routes.RESERVATION_CONFIRM, confirm.route().resource());
    assertEquals(Map.of("id", "7", "rid", "3f1c"), confirm.pathParameters());
    assertEquals(
        Function.RESERVE_SEAT, function("DELETE", "/api/performances/7/reservations/3f1c"));
    assertTrue(Routes.match("GET", "/api").isEmpty());
  }

  @Test
  void onlyTheScheduledAndDeployTimeFunctionsServeNoRoute() {
    for (Function f : Function.values()) {
      boolean offApi = f == Function.ADVANCE_QUEUE || f == Function.ADMIN;
      assertEquals(!offApi, f.servesApi(), f.module());
    }
  }

  private static Function function(String method, String path) {
    return Routes.match(method, path).orElseThrow().route().function();
  }
}
