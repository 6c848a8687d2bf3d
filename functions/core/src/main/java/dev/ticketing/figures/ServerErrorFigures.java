package dev.ticketing.figures;

import dev.ticketing.error.ErrorCode;
import dev.ticketing.routes.Routes;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * Counts the 5xx answers of the routes of a performance ({@link Figure#SERVER_ERRORS}), called by
 * the shared error mapping of both request paths (Micronaut's handlers and the lean endpoints). A
 * {@code sale_paused} 503 is the operator's own decision, not an error, and is not counted; nor are
 * the operator console's own routes (the figures are the buyers').
 */
@Singleton
public class ServerErrorFigures {
  // Fetched on the first 5xx, not when the error handlers are made: a handler must answer even
  // when Redis was out of reach as the function started (the counters' connection opens eagerly).
  private final Provider<MinuteCounters> counters;

  public ServerErrorFigures(Provider<MinuteCounters> counters) {
    this.counters = counters;
  }

  /** Counts an answer of {@code status} with this body to {@code method path}, if a 5xx. */
  public CompletableFuture<Void> answered(
      int status, Map<String, Object> body, Object method, String path) {
    if (status < 500
        || ErrorCode.SALE_PAUSED.code().equals(body.get("error"))
        || method == null
        || path == null) {
      return CompletableFuture.completedFuture(null);
    }
    return Routes.match(method.toString(), path)
        .filter(match -> match.route().function() != dev.ticketing.routes.Function.OPERATOR_CONSOLE)
        .map(match -> match.pathParameters().get("id"))
        .filter(id -> id.length() <= 18 && id.chars().allMatch(Character::isDigit))
        .map(Long::parseLong)
        .filter(id -> id > 0)
        .map(this::count)
        .orElseGet(() -> CompletableFuture.completedFuture(null));
  }

  private CompletableFuture<Void> count(long performanceId) {
    try {
      return counters.get().add(performanceId, Figure.SERVER_ERRORS, 1);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(ServerErrorFigures.class)
          .warn("a 5xx of performance {} was not counted: {}", performanceId, e.toString());
      return CompletableFuture.completedFuture(null);
    }
  }
}
