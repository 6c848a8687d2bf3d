package dev.ticketing.routes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route catalog: every API resource and method and the function that serves it, declared once.
 * The CDK stack builds API Gateway from it, the local gateway routes by it, and a test checks it
 * against the controllers of every function.
 */
public final class Routes {
  public static final String PERFORMANCES = "/api/performances";
  public static final String PERFORMANCE = PERFORMANCES + "/{id}";
  public static final String SEATS = PERFORMANCE + "/seats";
  public static final String RESERVATIONS = PERFORMANCE + "/reservations";

  /** One reservation, by the hold token its hold's answer carried: read it, release it. */
  public static final String RESERVATION = RESERVATIONS + "/{rid}";

  public static final String RESERVATION_CONFIRM = RESERVATION + "/confirm";
  public static final String QUEUE = PERFORMANCE + "/queue";

  /**
   * The public progress of a performance's queue: the same answer for everyone, cacheable for a
   * second (the CDK stack serves it through CloudFront's cache).
   */
  public static final String QUEUE_STATE = QUEUE + "/state";

  /** The join toll's challenge: what a token-less join must solve when the toll is on. */
  public static final String QUEUE_CHALLENGE = QUEUE + "/challenge";

  /**
   * The operator console's routes (docs/api.md#operator-console): login gives a short-lived
   * operator token, which every other operator route requires ({@link #needsOperatorToken}).
   */
  public static final String OPERATOR = "/api/operator";

  public static final String OPERATOR_LOGIN = OPERATOR + "/login";
  public static final String OPERATOR_PERFORMANCE = OPERATOR + "/performances/{id}";
  public static final String OPERATOR_CONSOLE = OPERATOR_PERFORMANCE + "/console";
  public static final String OPERATOR_ACTIONS = OPERATOR_PERFORMANCE + "/actions";
  public static final String OPERATOR_AUDIT = OPERATOR_PERFORMANCE + "/audit";

  public static final List<Route> ALL =
      List.of(
          new Route(PERFORMANCES, "GET", Function.LIST_SEATS),
          new Route(PERFORMANCES, Route.ANY, Function.LIST_SEATS),
          new Route(PERFORMANCE, "GET", Function.LIST_SEATS),
          new Route(PERFORMANCE, Route.ANY, Function.LIST_SEATS),
          new Route(SEATS, "GET", Function.LIST_SEATS),
          new Route(SEATS, Route.ANY, Function.LIST_SEATS),
          new Route(RESERVATIONS, "POST", Function.RESERVE_SEAT),
          new Route(RESERVATIONS, Route.ANY, Function.RESERVE_SEAT),
          new Route(RESERVATION, "GET", Function.RESERVE_SEAT),
          new Route(RESERVATION, "DELETE", Function.RESERVE_SEAT),
          new Route(RESERVATION, Route.ANY, Function.RESERVE_SEAT),
          new Route(RESERVATION_CONFIRM, "POST", Function.RESERVE_SEAT),
          new Route(RESERVATION_CONFIRM, Route.ANY, Function.RESERVE_SEAT),
          new Route(QUEUE, "POST", Function.ISSUE_TICKET),
          new Route(QUEUE, "GET", Function.POLL_POSITION),
          new Route(QUEUE, "DELETE", Function.POLL_POSITION),
          new Route(QUEUE, Route.ANY, Function.POLL_POSITION),
          new Route(QUEUE_STATE, "GET", Function.POLL_POSITION),
          new Route(QUEUE_STATE, Route.ANY, Function.POLL_POSITION),
          new Route(QUEUE_CHALLENGE, "GET", Function.ISSUE_TICKET),
          new Route(QUEUE_CHALLENGE, Route.ANY, Function.ISSUE_TICKET),
          new Route(OPERATOR_LOGIN, "POST", Function.OPERATOR_CONSOLE),
          new Route(OPERATOR_LOGIN, Route.ANY, Function.OPERATOR_CONSOLE),
          new Route(OPERATOR_CONSOLE, "GET", Function.OPERATOR_CONSOLE),
          new Route(OPERATOR_CONSOLE, Route.ANY, Function.OPERATOR_CONSOLE),
          new Route(OPERATOR_ACTIONS, "POST", Function.OPERATOR_CONSOLE),
          new Route(OPERATOR_ACTIONS, Route.ANY, Function.OPERATOR_CONSOLE),
          new Route(OPERATOR_AUDIT, "GET", Function.OPERATOR_CONSOLE),
          new Route(OPERATOR_AUDIT, Route.ANY, Function.OPERATOR_CONSOLE));

  private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
  private static final Map<String, Pattern> PATTERNS = patterns();
  private static final Map<String, List<String>> PARAMETERS = parameters();

  private Routes() {}

  /**
   * Whether a route takes only requests with a valid operator token: every operator route but the
   * login (on AWS, API Gateway's operator authorizer checks it first; the function checks again).
   */
  public static boolean needsOperatorToken(Route route) {
    return route.function() == Function.OPERATOR_CONSOLE
        && !route.resource().equals(OPERATOR_LOGIN);
  }

  /** The resources in the order they are declared. */
  public static Set<String> resources() {
    Set<String> resources = new LinkedHashSet<>();
    ALL.forEach(route -> resources.add(route.resource()));
    return resources;
  }

  /** The routes of one resource. */
  public static List<Route> of(String resource) {
    return ALL.stream().filter(route -> route.resource().equals(resource)).toList();
  }

  /** What API Gateway does with a request: the route it matches and its path parameters. */
  public record Match(Route route, Map<String, String> pathParameters) {}

  /**
   * The route a request reaches, as API Gateway chooses it: its resource (a trailing slash
   * ignored), its method there, else the resource's {@code ANY}.
   */
  public static Optional<Match> match(String method, String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (String resource : resources()) {
      Matcher m = PATTERNS.get(resource).matcher(trimmed);
      if (m.matches()) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        List<String> names = PARAMETERS.get(resource);
        for (int i = 0; i < names.size(); i++) {
          params.put(names.get(i), m.group(i + 1));
        }
        List<Route> routes = of(resource);
        Optional<Route> exact = routes.stream().filter(r -> r.method().equals(method)).findFirst();
        return exact
            .or(() -> routes.stream().filter(Route::isAny).findFirst())
            .map(route -> new Match(route, Map.copyOf(params)));
      }
    }
    return Optional.empty();
  }

  private static Map<String, Pattern> patterns() {
    Map<String, Pattern> patterns = new java.util.HashMap<>();
    for (String resource : resources()) {
      patterns.put(
          resource,
          Pattern.compile(
              PARAMETER.matcher(Pattern.quote(resource)).replaceAll("\\\\E([^/]+)\\\\Q")));
    }
    return Map.copyOf(patterns);
  }

  /** Each resource's path parameters, in order ({@code id}, then {@code rid}, ...). */
  private static Map<String, List<String>> parameters() {
    Map<String, List<String>> parameters = new java.util.HashMap<>();
    for (String resource : resources()) {
      parameters.put(resource, PARAMETER.matcher(resource).results().map(r -> r.group(1)).toList());
    }
    return Map.copyOf(parameters);
  }
}
