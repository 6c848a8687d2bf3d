package dev.ticketing.pollposition;

import dev.ticketing.auth.BearerTokens;
import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.QueueExit;
import dev.ticketing.queue.QueueTokens;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Status;
import java.time.Clock;

/**
 * {@code GET /api/performances/{id}/queue}: where the ticket stands and when to poll again (which
 * sets how long the place is kept); a called ticket is admitted here and gets its access token; a
 * waiting ticket polled before its time gets 429 with {@code Retry-After} and keeps its place.
 * {@code DELETE}: leave the queue or end the session. One Redis round trip each, no database.
 */
@Controller("/api/performances/{id}/queue")
@Requires(env = FunctionEnvironments.POLL_POSITION)
public class PositionController {
  private final Positions positions;
  private final QueueTokens tokens;
  private final QueueExit exit;
  private final SessionRegistry sessions;
  private final Clock clock;

  public PositionController(
      Positions positions,
      QueueTokens tokens,
      QueueExit exit,
      SessionRegistry sessions,
      Clock clock) {
    this.positions = positions;
    this.tokens = tokens;
    this.exit = exit;
    this.sessions = sessions;
    this.clock = clock;
  }

  @Get
  public HttpResponse<PositionResponse> poll(String id, HttpRequest<?> request) {
    return HttpResponse.ok(positions.poll(PathIds.performanceId(id), BearerTokens.from(request)))
        .header(HttpHeaders.CACHE_CONTROL, Positions.CACHE_CONTROL);
  }

  @Delete
  @Status(HttpStatus.NO_CONTENT)
  public void leave(String id, HttpRequest<?> request) {
    long performanceId = PathIds.performanceId(id);
    QueueTokens.Holder holder = tokens.requireHolder(request, performanceId, clock.instant());
    if (holder instanceof QueueTokens.Holder.Ticket ticket) {
      exit.leave(ticket.claims().ticket());
    } else if (holder instanceof QueueTokens.Holder.Session session) {
      sessions.end(performanceId, session.claims().sessionId());
    }
  }
}
