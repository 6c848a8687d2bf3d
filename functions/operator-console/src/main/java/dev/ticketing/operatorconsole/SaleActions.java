package dev.ticketing.operatorconsole;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.operations.OperatorAction;
import dev.ticketing.operations.SaleOperations;
import dev.ticketing.queue.QueueControl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * An operator's action from the console ({@code {"action": "pause" | "resume" | "close" |
 * "set-capacity", "capacity": N}}), run by {@link SaleOperations} (the same code as the admin
 * command, which writes the audit log) as the logged-in operator. The whole body is checked before
 * anything changes: a bad one is a 400 and changes nothing.
 */
@Singleton
@Requires(env = FunctionEnvironments.OPERATOR_CONSOLE)
public class SaleActions {
  private final SaleOperations operations;
  private final ConsoleView view;
  private final Clock clock;

  public SaleActions(SaleOperations operations, ConsoleView view, Clock clock) {
    this.operations = operations;
    this.view = view;
    this.clock = clock;
  }

  /** The sale as an action changes it. */
  @Serdeable
  public record SaleSnapshot(String saleState, long capacity) {}

  /** The audit log's entry of the action. */
  @Serdeable
  public record AuditRef(long id, Instant at, String operator) {}

  @Serdeable
  public record Done(String action, SaleSnapshot before, SaleSnapshot after, AuditRef audit) {}

  /** An action the console may ask for, and the capacity it sets (set-capacity only). */
  record Action(String name, int capacity) {}

  public Done run(long performanceId, String operator, JsonNode body) {
    Action action = parse(body);
    Instant now = clock.instant();
    SaleSnapshot before = snapshot(performanceId, now);
    OperatorAction logged =
        switch (action.name()) {
          case "pause" -> operations.pause(performanceId, operator, now);
          case "resume" -> operations.resume(performanceId, operator, now);
          case "close" -> operations.close(performanceId, operator, now);
          default -> operations.setCapacity(performanceId, operator, action.capacity(), now);
        };
    return new Done(
        logged.action(),
        before,
        snapshot(performanceId, clock.instant()),
        new AuditRef(logged.id(), logged.at(), logged.operator()));
  }

  private SaleSnapshot snapshot(long performanceId, Instant now) {
    ConsoleState state = view.read(performanceId, now);
    return new SaleSnapshot(state.saleState(), state.capacity());
  }

  static Action parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw bad(
          "Send a JSON object: {\"action\": \"pause\" | \"resume\" | \"close\" | \"set-capacity\"}.");
    }
    JsonNode name = body.get("action");
    if (name == null || !name.isString()) {
      throw bad("Name the action: pause, resume, close or set-capacity.");
    }
    return switch (name.getStringValue()) {
      case "pause", "resume", "close" -> new Action(name.getStringValue(), 0);
      case "set-capacity" -> new Action("set-capacity", capacity(body.get("capacity")));
      default ->
          throw bad(
              "Unknown action '"
                  + name.getStringValue()
                  + "': pause, resume, close or set-capacity.");
    };
  }

  private static int capacity(JsonNode capacity) {
    if (capacity == null
        || !capacity.isNumber()
        || capacity.getNumberValue().doubleValue() != capacity.getLongValue()
        || capacity.getLongValue() < 1
        || capacity.getLongValue() > QueueControl.MAX_CAPACITY) {
      throw bad(
          "set-capacity needs a whole \"capacity\" from 1 to " + QueueControl.MAX_CAPACITY + ".");
    }
    return capacity.getIntValue();
  }

  private static ApiException bad(String message) {
    return ApiException.badRequest(ErrorCode.BAD_REQUEST, message);
  }
}
