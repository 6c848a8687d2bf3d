package dev.ticketing.figures;

import dev.ticketing.error.ErrorCode;
import dev.ticketing.routes.Routes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Counts the 5xx answers of the routes of a performance ({@link Figure#SERVER_ERRORS}), called by
 * the shared error mapping of both request paths (Micronaut's handlers and the lean endpoints). A
 * {@code sale_paused} 503 is the operator's own decision, not an error, and is not counted; nor are
 * the operator console's own routes (the figures are the buyers').
 */
@Singleton
public class ServerErrorFigures {
  private final MinuteCounters counters;

  public ServerErrorFigures(MinuteCounters counters) {
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
        .map(id -> counters.add(id, Figure.SERVER_ERRORS, 1))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
  }
}
