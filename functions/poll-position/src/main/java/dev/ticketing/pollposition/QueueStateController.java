package dev.ticketing.pollposition;

import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.queue.QueueProgress;
import dev.ticketing.queue.SaleState;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /api/performances/{id}/queue/state}: the public progress of the queue, the same for
 * every buyer, with no token: cacheable for {@value #MAX_AGE_SECONDS} s, so the edge answers the
 * crowd and the function sees about one request per second per edge cache. One Redis round trip
 * (three reads) and the sale window (kept per instance for a few seconds).
 */
@Controller("/api/performances/{id}/queue/state")
@Requires(env = FunctionEnvironments.POLL_POSITION)
public class QueueStateController {
  static final int MAX_AGE_SECONDS = 1;

  private final SaleWindows sales;
  private final QueueProgress progress;
  private final Clock clock;

  public QueueStateController(SaleWindows sales, QueueProgress progress, Clock clock) {
    this.sales = sales;
    this.progress = progress;
    this.clock = clock;
  }

  static final String CACHE_CONTROL = "public, max-age=" + MAX_AGE_SECONDS;

  @Get
  public HttpResponse<QueueStateResponse> state(String id) {
    return HttpResponse.ok(read(PathIds.performanceId(id)))
        .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
  }

  /** The public state of the queue of {@code performanceId} (404 if there is no such sale). */
  QueueStateResponse read(long performanceId) {
    Instant now = clock.instant();
    SaleWindow sale = sales.require(performanceId, now);
    QueueProgress.Snapshot p = progress.read(performanceId);
    return new QueueStateResponse(
        performanceId,
        SaleState.of(sale, now, p.paused(), p.soldOut()),
        sale.opensAt(),
        p.nowServing(),
        p.calls(),
        p.admittedPerMinute(),
        p.waiting(),
        now);
  }
}
