package dev.ticketing.operatorconsole;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import dev.ticketing.operations.OperatorAction;
import dev.ticketing.operations.SaleOperations;
import dev.ticketing.queue.SaleWindows;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One performance under the operator's hand: its live console, the actions on its sale, and its
 * audit log (docs/api.md#operator-console). Every route needs an operator token ({@link
 * OperatorGate}).
 */
@Controller("/api/operator/performances/{id}")
@Requires(env = FunctionEnvironments.OPERATOR_CONSOLE)
public class OperatorConsoleController {
  static final int DEFAULT_AUDIT_LIMIT = 50;
  static final int MAX_AUDIT_LIMIT = 500;

  private final OperatorGate gate;
  private final ConsoleView view;
  private final SaleActions actions;
  private final SaleOperations operations;
  private final SaleWindows sales;
  private final Clock clock;

  public OperatorConsoleController(
      OperatorGate gate,
      ConsoleView view,
      SaleActions actions,
      SaleOperations operations,
      SaleWindows sales,
      Clock clock) {
    this.gate = gate;
    this.view = view;
    this.actions = actions;
    this.operations = operations;
    this.sales = sales;
    this.clock = clock;
  }

  @Get("/console")
  public HttpResponse<ConsoleState> console(String id, HttpRequest<?> request) {
    gate.operator(request);
    return noStore(view.read(PathIds.performanceId(id), clock.instant()));
  }

  @Post("/actions")
  public HttpResponse<SaleActions.Done> act(String id, HttpRequest<?> request) {
    String operator = gate.operator(request);
    long performanceId = PathIds.performanceId(id);
    sales.requireFresh(performanceId);
    return noStore(actions.run(performanceId, operator, OperatorLoginController.body(request)));
  }

  /** One entry of the audit log. */
  @Serdeable
  public record Entry(
      long id, Instant at, String operator, String action, String before, String after) {}

  /** Always carries {@code entries}, empty included (serde leaves out empty lists by default). */
  @Serdeable
  public record Audit(@JsonInclude(JsonInclude.Include.ALWAYS) List<Entry> entries) {}

  @Get("/audit")
  public HttpResponse<Audit> audit(
      String id, @Nullable @QueryValue String limit, HttpRequest<?> request) {
    gate.operator(request);
    long performanceId = PathIds.performanceId(id);
    int n = limit(limit);
    sales.requireFresh(performanceId);
    List<Entry> entries =
        operations.latest(performanceId, n).stream().map(OperatorConsoleController::entry).toList();
    return noStore(new Audit(entries));
  }

  private static Entry entry(OperatorAction a) {
    return new Entry(a.id(), a.at(), a.operator(), a.action(), a.before(), a.after());
  }

  static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_AUDIT_LIMIT;
    }
    if (!raw.matches("[0-9]{1,4}")
        || Integer.parseInt(raw) < 1
        || Integer.parseInt(raw) > MAX_AUDIT_LIMIT) {
      throw ApiException.badRequest(
          ErrorCode.BAD_REQUEST, "limit must be a whole number from 1 to " + MAX_AUDIT_LIMIT + ".");
    }
    return Integer.parseInt(raw);
  }

  private static <T> HttpResponse<T> noStore(T body) {
    return HttpResponse.ok(body).header("Cache-Control", "no-store");
  }
}
