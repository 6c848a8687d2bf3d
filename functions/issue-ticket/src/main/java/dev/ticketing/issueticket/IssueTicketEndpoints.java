package dev.ticketing.issueticket;

import dev.ticketing.endpoints.Endpoints;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.ClientAddresses;
import dev.ticketing.http.PathIds;
import dev.ticketing.routes.Function;
import dev.ticketing.routes.Routes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Map;

/** The ticket counter without Micronaut's HTTP proxy, answered as {@link IssueTicketController}. */
@Singleton
@Requires(env = FunctionEnvironments.ISSUE_TICKET)
public class IssueTicketEndpoints {
  private static final Map<String, String> HEADERS =
      Map.of(HttpHeaders.CACHE_CONTROL, IssueTicketController.CACHE_CONTROL);

  private final Endpoints endpoints;

  public IssueTicketEndpoints(
      JsonMapper json, IssueTicketController tickets, ClientAddresses addresses) {
    Endpoints e = new Endpoints(Function.ISSUE_TICKET, json);
    this.endpoints =
        e.on(
            "POST",
            Routes.QUEUE,
            r -> {
              IssueTicketController.Issued issued =
                  tickets.issue(
                      PathIds.performanceId(r.pathParameter("id")),
                      r.bearerToken(),
                      () -> addresses.of(r::header, r.sourceIp()));
              return e.json(issued.status(), issued.body(), HEADERS);
            });
  }

  public Endpoints endpoints() {
    return endpoints;
  }
}
