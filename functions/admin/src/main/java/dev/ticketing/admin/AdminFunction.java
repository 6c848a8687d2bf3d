package dev.ticketing.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.catalog.InvalidLayoutException;
import dev.ticketing.settings.InvalidSettingException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's commands on AWS without the bastion: invoked with a JSON {@link AdminRequest}
 * through the AWS CLI ({@code scripts/admin-aws} builds and sends it), answering the command's
 * report as JSON, or {@code {"error": code, "message": text}}. It runs as the application user
 * (rows only), like the service functions, and opens its stores per invocation so a rotated
 * password is never stale. Migrations are the other handler's job ({@link MigrateDatabaseFunction},
 * as the master user).
 */
public class AdminFunction implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AdminFunction.class);

  private final AdminStores stores;

  public AdminFunction() {
    this(System.getenv());
  }

  AdminFunction(Map<String, String> env) {
    stores = new AdminStores(env, System.out);
  }

  /**
   * The same handler on this machine, against the stores of this environment: {@code java -cp
   * admin-lambda.jar dev.ticketing.admin.AdminFunction REQUEST.json ANSWER.json} (what {@code
   * scripts/admin-aws --local} runs instead of the AWS CLI).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: AdminFunction REQUEST.json ANSWER.json");
      System.exit(2);
    }
    try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(args[0]));
        OutputStream out = java.nio.file.Files.newOutputStream(java.nio.file.Path.of(args[1]))) {
      new AdminFunction().handleRequest(in, out, null);
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] request = input.readAllBytes();
    String answer;
    try {
      answer = stores.with(ctx -> handle(ctx, request));
    } catch (AdminException | InvalidLayoutException | InvalidSettingException e) {
      answer = error("bad_command", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("admin command failed", e);
      answer = error("failed", e.toString());
    }
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }

  private static String handle(ApplicationContext ctx, byte[] body) throws IOException {
    JsonMapper json = ctx.getBean(JsonMapper.class);
    AdminRequest r;
    try {
      r = json.readValue(body, AdminRequest.class);
    } catch (IOException e) {
      throw new AdminException("the request is not a JSON command: " + e.getMessage());
    }
    if (r == null || r.command() == null) {
      throw new AdminException(
          "name a command: reset, audit, queue-status, set-capacity, pause, resume or close");
    }
    LOG.info("admin command {}", r.command());
    return switch (r.command()) {
      case "reset" -> {
        if (r.layout() == null) {
          throw new AdminException("reset needs a layout");
        }
        yield json.writeValueAsString(Reset.create(ctx, r.layout()));
      }
      case "audit" ->
          AuditCommand.Audit.run(ctx, performance(r), r.maxSeatsPerHolder(), r.reservations())
              .json();
      case "queue-status" ->
          json.writeValueAsString(
              QueueStatus.read(ctx, performance(r), Clock.systemUTC().instant()));
      case "set-capacity" -> {
        if (r.capacity() == null) {
          throw new AdminException("set-capacity needs a capacity");
        }
        yield message(
            json, SaleCommands.setCapacity(ctx, performance(r), r.capacity(), operator(r)));
      }
      case "pause" -> message(json, SaleCommands.pause(ctx, performance(r), operator(r)));
      case "resume" -> message(json, SaleCommands.resume(ctx, performance(r), operator(r)));
      case "close" -> message(json, SaleCommands.close(ctx, performance(r), operator(r)));
      default ->
          throw new AdminException(
              "unknown command '"
                  + r.command()
                  + "': reset, audit, queue-status, set-capacity, pause, resume or close (migrations run"
                  + " on deploy)");
    };
  }

  private static String message(JsonMapper json, String text) throws IOException {
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("message", text);
    return json.writeValueAsString(done);
  }

  /** Who acts, for the audit log: the caller's identity as scripts/admin-aws sends it. */
  private static String operator(AdminRequest r) {
    if (r.operator() == null || r.operator().isBlank()) {
      throw new AdminException("name the operator (\"operator\"): the audit log records who acts");
    }
    return r.operator();
  }

  private static long performance(AdminRequest r) {
    if (r.performanceId() == null || r.performanceId() < 1) {
      throw new AdminException("name a performanceId");
    }
    return r.performanceId();
  }

  private static String error(String code, String message) {
    return "{\"error\":\""
        + code
        + "\",\"message\":\""
        + message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        + "\"}";
  }
}
