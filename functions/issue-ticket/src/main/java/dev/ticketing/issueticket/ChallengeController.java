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
    long performanceId = PathIds.performanceId(id);
    Instant now = clock.instant();
    sales.requireNotEnded(performanceId, now);
    return HttpResponse.ok(toll.challenge(performanceId, now))
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
