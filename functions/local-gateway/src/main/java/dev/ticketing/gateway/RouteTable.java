package dev.ticketing.gateway;

import dev.ticketing.function.FunctionEnvironments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API Gateway resources and the function integrated with each, as the CDK stack declares them.
 * A resource's other methods go to the function that owns it (an ANY integration), so a wrong
 * method gets that function's JSON 405, as on AWS.
 */
final class RouteTable {
  private record Entry(String resource, Pattern pattern, Map<String, String> functionByMethod) {
    String functionFor(String method) {
      return functionByMethod.getOrDefault(method, functionByMethod.get("ANY"));
    }
  }

  private static final List<Entry> ENTRIES =
      List.of(
          entry("/api/performances", Map.of("ANY", FunctionEnvironments.LIST_SEATS)),
          entry("/api/performances/{id}", Map.of("ANY", FunctionEnvironments.LIST_SEATS)),
          entry("/api/performances/{id}/seats", Map.of("ANY", FunctionEnvironments.LIST_SEATS)),
          entry(
              "/api/performances/{id}/reservations",
              Map.of("ANY", FunctionEnvironments.RESERVE_SEAT)),
          entry(
              "/api/performances/{id}/queue",
              Map.of(
                  "POST", FunctionEnvironments.ISSUE_TICKET,
                  "ANY", FunctionEnvironments.POLL_POSITION)));

  private RouteTable() {}

  static Optional<Route> match(String method, String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (Entry e : ENTRIES) {
      Matcher m = e.pattern().matcher(trimmed);
      if (m.matches()) {
        Map<String, String> params = m.groupCount() > 0 ? Map.of("id", m.group(1)) : Map.of();
        return Optional.of(new Route(e.functionFor(method), e.resource(), params));
      }
    }
    return Optional.empty();
  }

  private static Entry entry(String resource, Map<String, String> functions) {
    String regex = Pattern.quote(resource).replace("{id}", "\\E([^/]+)\\Q");
    return new Entry(resource, Pattern.compile(regex), functions);
  }
}
