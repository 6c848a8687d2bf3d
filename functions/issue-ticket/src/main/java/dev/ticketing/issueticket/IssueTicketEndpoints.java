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

/**
 * The ticket counter without Micronaut's HTTP proxy: the join ({@code POST /queue}, with the toll's
 * proof in its body) and the toll's challenge, answered as {@link IssueTicketController} and {@link
 * ChallengeController} answer them, by the same {@link Tickets} and {@link
 * ChallengeController#read}.
 */
@Singleton
@Requires(env = FunctionEnvironments.ISSUE_TICKET)
public class IssueTicketEndpoints {
  private static final Map<String, String> TICKET_HEADERS =
      Map.of(HttpHeaders.CACHE_CONTROL, Tickets.CACHE_CONTROL);
  private static final Map<String, String> CHALLENGE_HEADERS =
      Map.of(HttpHeaders.CACHE_CONTROL, ChallengeController.CACHE_CONTROL);

  private final Endpoints endpoints;

  public IssueTicketEndpoints(
      JsonMapper json, Tickets tickets, ClientAddresses addresses, ChallengeController challenges) {
    Endpoints e = new Endpoints(Function.ISSUE_TICKET, json);
    this.endpoints =
        e.withBody(
                "POST",
                Routes.QUEUE,
                r -> {
                  Tickets.Issued issued =
                      tickets.issue(
                          PathIds.performanceId(r.pathParameter("id")),
                          r.bearerToken(),
                          () -> addresses.of(r::header, r.sourceIp()),
                          r.body());
                  return e.json(issued.status(), issued.body(), TICKET_HEADERS);
                })
            .on(
                "GET",
                Routes.QUEUE_CHALLENGE,
                r ->
                    e.json(
                        200,
                        challenges.read(PathIds.performanceId(r.pathParameter("id"))),
                        CHALLENGE_HEADERS));
  }

  public Endpoints endpoints() {
    return endpoints;
  }
}
