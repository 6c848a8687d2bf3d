package dev.ticketing.gateway;

import dev.ticketing.routes.Routes;
import java.util.Optional;

/**
 * Where API Gateway would send a request: the route catalog's match ({@link Routes}), as the CDK
 * stack builds it. A resource's other methods go to the function that owns it (its ANY route), so a
 * wrong method gets that function's JSON 405, as on AWS.
 */
final class RouteTable {
  private RouteTable() {}

  static Optional<Route> match(String method, String path) {
    return Routes.match(method, path)
        .map(
            m ->
                new Route(m.route().function().module(), m.route().resource(), m.pathParameters()));
  }
}
