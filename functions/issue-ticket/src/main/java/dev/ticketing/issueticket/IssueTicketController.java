package dev.ticketing.issueticket;

import dev.ticketing.auth.BearerTokens;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.ClientAddresses;
import dev.ticketing.http.PathIds;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;

/**
 * {@code POST /api/performances/{id}/queue} through Micronaut: {@link IssueTicketEndpoints} answers
 * the route itself; this controller answers what it hands on (a trailing slash, a body Micronaut's
 * guard judges), with the same {@link Tickets}, and keeps the route known to Micronaut's router (a
 * 405 for another method).
 */
@Controller("/api/performances/{id}/queue")
@Requires(env = FunctionEnvironments.ISSUE_TICKET)
public class IssueTicketController {
  private final Tickets tickets;
  private final ClientAddresses addresses;

  public IssueTicketController(Tickets tickets, ClientAddresses addresses) {
    this.tickets = tickets;
    this.addresses = addresses;
  }

  @Post
  public HttpResponse<TicketResponse> issue(String id, HttpRequest<?> request) {
    Tickets.Issued issued =
        tickets.issue(
            PathIds.performanceId(id),
            BearerTokens.from(request),
            () -> addresses.of(request),
            body(request));
    return HttpResponse.<TicketResponse>status(HttpStatus.valueOf(issued.status()))
        .header(HttpHeaders.CACHE_CONTROL, Tickets.CACHE_CONTROL)
        .body(issued.body());
  }

  /** The JSON body, or null when it is missing or not JSON. */
  private static JsonNode body(HttpRequest<?> request) {
    try {
      return request.getBody(JsonNode.class).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
