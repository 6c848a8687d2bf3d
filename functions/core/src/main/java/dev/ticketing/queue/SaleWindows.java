package dev.ticketing.queue;

import dev.ticketing.catalog.Performance;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sale windows of performances, kept for a few seconds per function instance: a crowd joining
 * the same performance costs the database one query, not one each.
 */
@Singleton
public class SaleWindows {
  static final Duration CACHE_FOR = Duration.ofSeconds(10);

  private record Cached(SaleWindow sale, Instant loadedAt) {}

  private final SaleWindowRepository repository;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  public SaleWindows(SaleWindowRepository repository) {
    this.repository = repository;
  }

  /** The sale window of a performance that exists (404 otherwise). */
  public SaleWindow require(long performanceId, Instant now) {
    Cached cached =
        cache.compute(
            performanceId,
            (id, old) -> {
              if (old != null && old.loadedAt().plus(CACHE_FOR).isAfter(now)) {
                return old;
              }
              return repository
                  .findById(id)
                  .map(p -> new Cached(of(p), now))
                  .orElseThrow(() -> ApiException.notFound("There is no performance " + id + "."));
            });
    return cached.sale();
  }

  /** The window of a performance straight from the database (404 if there is none). */
  public SaleWindow requireFresh(long performanceId) {
    return repository
        .findById(performanceId)
        .map(SaleWindows::of)
        .orElseThrow(() -> ApiException.notFound("There is no performance " + performanceId + "."));
  }

  /** Drops this instance's cached window of a performance (after an operator changed it). */
  public void forget(long performanceId) {
    cache.remove(performanceId);
  }

  /** Like {@link #require}, and 410 {@code sale_ended} once the sale has closed. */
  public SaleWindow requireNotEnded(long performanceId, Instant now) {
    SaleWindow sale = require(performanceId, now);
    if (sale.endedAt(now)) {
      throw saleEnded();
    }
    return sale;
  }

  /** 410 {@code sale_ended}. */
  public static ApiException saleEnded() {
    return new ApiException(
        HttpStatus.GONE, ErrorCode.SALE_ENDED, "The sale of this performance has ended.");
  }

  /** The performances whose sale is open now, straight from the database. */
  public List<SaleWindow> onSale(Instant now) {
    return repository.findOnSale(now).stream().map(SaleWindows::of).toList();
  }

  /** Whether any performance's sale is open at some moment between now and {@code until}. */
  public boolean anyOnSaleBetween(Instant now, Instant until) {
    return repository.countOnSaleBetween(now, until) > 0;
  }

  public static SaleWindow of(Performance p) {
    return new SaleWindow(p.id(), p.saleOpensAt(), p.saleClosesAt());
  }
}
