package dev.ticketing.issueticket;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.JoinToll;
import dev.ticketing.queue.SaleWindows;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /api/performances/{id}/queue/challenge}: the toll's challenge for a token-less join
 * (the same for everyone in a one-minute window; {@code difficulty} 0: no toll, join without a
 * proof). One Redis read (the live difficulty) and the sale window.
 */
@Controller("/api/performances/{id}/queue/challenge")
@Requires(env = FunctionEnvironments.ISSUE_TICKET)
public class ChallengeController {
  /** The challenge changes every window and a join toll is never to be cached by the edge. */
  static final String CACHE_CONTROL = "no-store";

  private final SaleWindows sales;
  private final JoinToll toll;
  private final Clock clock;

  public ChallengeController(SaleWindows sales, JoinToll toll, Clock clock) {
    this.sales = sales;
    this.toll = toll;
    this.clock = clock;
  }

  @Get
  public HttpResponse<JoinToll.Challenge> challenge(String id) {
    return HttpResponse.ok(read(PathIds.performanceId(id)))
        .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
  }

  /** The challenge of {@code performanceId}'s toll now (404/410 when there is no open sale). */
  public JoinToll.Challenge read(long performanceId) {
    Instant now = clock.instant();
    sales.requireNotEnded(performanceId, now);
    return toll.challenge(performanceId, now);
  }
}
