package dev.ticketing.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.testing.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/admin-aws}, the operator's one command per action on AWS, with {@code --local}:
 * the same JSON it sends to the Lambda, answered by the same handler in a JVM of its own against
 * the test stores. Only the AWS CLI call itself is not exercised here.
 */
class AdminAwsScriptTest {
  private static final Path SCRIPT =
      Path.of("../../scripts/admin-aws").toAbsolutePath().normalize();

  @TempDir Path dir;

  record Result(int code, String out) {}

  private Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.add("--local");
    command.add(System.getProperty("java.class.path"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(TestStores.environment());
    pb.environment().put("ADMIN_OPERATOR", "ops-test");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void resetThenAuditAFreshPerformanceThroughTheJsonHandler() throws Exception {
    Result reset = run("reset", Path.of("../../docs/layout-example.json").toString());
    assertEquals(0, reset.code(), reset.out());
    Matcher created = Pattern.compile("created performance (\\d+) ").matcher(reset.out());
    assertTrue(created.find(), reset.out());
    String id = created.group(1);

    Path none = Files.writeString(dir.resolve("reservations.jsonl"), "");
    Result audit = run("audit", id, "--reservations", none.toString());
    assertEquals(0, audit.code(), audit.out());
    assertTrue(audit.out().contains("audit of performance " + id + ": CORRECT"), audit.out());
    assertTrue(audit.out().contains("clientReservations: 0"), audit.out());

    Path lost =
        Files.writeString(
            dir.resolve("lost.jsonl"),
            "{\"reservationId\":\"00000000-0000-0000-0000-000000000000\",\"seatIds\":[1]}\n");
    Result wrong = run("audit", id, "--reservations", lost.toString(), "--json");
    assertEquals(1, wrong.code(), wrong.out());
    assertTrue(wrong.out().contains("\"clientReservationsMissing\": 1"), wrong.out());
  }

  @Test
  void pauseAndResumeThroughTheJsonHandlerAsTheCallingOperator() throws Exception {
    Result reset = run("reset", Path.of("../../docs/layout-example.json").toString());
    Matcher created = Pattern.compile("created performance (\\d+) ").matcher(reset.out());
    assertTrue(created.find(), reset.out());
    String id = created.group(1);

    Result paused = run("pause", id);
    assertEquals(0, paused.code(), paused.out());
    assertTrue(paused.out().contains("pause by ops-test"), paused.out());
    assertTrue(paused.out().contains("running -> paused"), paused.out());
    Result resumed = run("resume", id);
    assertEquals(0, resumed.code(), resumed.out());
    assertTrue(resumed.out().contains("resume by ops-test"), resumed.out());
    assertTrue(resumed.out().contains("paused -> running"), resumed.out());
  }

  @Test
  void anUnknownPerformanceFailsAndBadUsageIsRefusedBeforeAnythingRuns() throws Exception {
    Result unknown = run("queue-status", "999999999");
    assertEquals(1, unknown.code(), unknown.out());
    assertTrue(unknown.out().contains("no performance 999999999"), unknown.out());

    Result bad = run("set-capacity", "1", "lots");
    assertEquals(2, bad.code(), bad.out());
    assertTrue(bad.out().contains("CAPACITY must be a positive number"), bad.out());
  }
}
