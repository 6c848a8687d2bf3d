package dev.ticketing.testing;

import io.micronaut.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Embedded Metric Format lines written to standard output while open (as Lambda would send them
 * to CloudWatch), parsed; other output passes through.
 */
public final class EmfCapture implements AutoCloseable {
  private final PrintStream original = System.out;
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private final JsonMapper json;

  public EmfCapture(JsonMapper json) {
    this.json = json;
    System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
  }

  /** Every EMF line so far, in order, as JSON objects. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> lines() {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : written.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{\"_aws\"")) {
        try {
          lines.add(json.readValue(line, Map.class));
        } catch (IOException e) {
          throw new UncheckedIOException("not JSON: " + line, e);
        }
      }
    }
    return lines;
  }

  /**
   * The {@code CloudWatchMetrics} directive of a line in namespace {@code Ticketing} with these
   * dimension keys and metrics (all counts), spelled out: what the dashboard expects to read.
   */
  public static List<Map<String, Object>> directive(List<String> dimensions, String... metrics) {
    List<Map<String, Object>> named = new ArrayList<>();
    for (String metric : metrics) {
      named.add(Map.of("Name", metric, "Unit", "Count"));
    }
    return List.of(
        Map.of("Namespace", "Ticketing", "Dimensions", List.of(dimensions), "Metrics", named));
  }

  /** The line's {@code _aws} metadata. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> aws(Map<String, Object> line) {
    return (Map<String, Object>) line.get("_aws");
  }

  @Override
  public void close() {
    System.setOut(original);
    String other =
        String.join(
            "\n",
            written
                .toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.startsWith("{\"_aws\""))
                .toList());
    if (!other.isEmpty()) {
      original.println(other);
    }
  }
}
