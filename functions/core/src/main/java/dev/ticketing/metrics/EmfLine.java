package dev.ticketing.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link MetricGroup}'s CloudWatch Embedded Metric Format line for fixed dimension values: the
 * JSON around the timestamp and the values is built once, so a line costs one string and no API
 * call (CloudWatch extracts the metrics from the log).
 */
public final class EmfLine {
  /** Dimension values go into the JSON unescaped: setting values like {@code redis-spin} only. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final MetricGroup group;
  private final String head;
  private final String[] after;

  private EmfLine(MetricGroup group, String head, String[] after) {
    this.group = group;
    this.head = head;
    this.after = after;
  }

  /** The line of {@code group} with these values of its dimensions (exactly its keys). */
  public static EmfLine of(MetricGroup group, Map<String, String> dimensionValues) {
    if (!dimensionValues.keySet().equals(Set.copyOf(group.dimensions()))) {
      throw new IllegalArgumentException(
          group + " has dimensions " + group.dimensions() + ", got " + dimensionValues.keySet());
    }
    StringBuilder directive = new StringBuilder(",\"CloudWatchMetrics\":[{\"Namespace\":\"");
    directive.append(MetricGroup.NAMESPACE).append("\",\"Dimensions\":[[");
    directive.append(String.join(",", group.dimensions().stream().map(EmfLine::quoted).toList()));
    directive.append("]],\"Metrics\":[");
    List<ServiceMetric> metrics = group.metrics();
    for (int i = 0; i < metrics.size(); i++) {
      directive.append(i == 0 ? "" : ",");
      directive.append("{\"Name\":").append(quoted(metrics.get(i).metricName()));
      directive.append(",\"Unit\":").append(quoted(ServiceMetric.UNIT)).append('}');
    }
    directive.append("]}]}");
    for (String key : group.dimensions()) {
      String value = dimensionValues.get(key);
      if (!PLAIN.matcher(value).matches()) {
        throw new IllegalArgumentException("dimension " + key + " value not plain: " + value);
      }
      directive.append(',').append(quoted(key)).append(':').append(quoted(value));
    }
    String[] after = new String[metrics.size() + 1];
    after[0] = directive + "," + quoted(metrics.get(0).metricName()) + ":";
    for (int i = 1; i < metrics.size(); i++) {
      after[i] = "," + quoted(metrics.get(i).metricName()) + ":";
    }
    after[metrics.size()] = "}";
    return new EmfLine(group, "{\"_aws\":{\"Timestamp\":", after);
  }

  /** The line of a one-metric group. */
  public String format(long timestampMillis, long value) {
    requireMetrics(1);
    return head + timestampMillis + after[0] + value + after[1];
  }

  /** The line of a two-metric group, values in {@link MetricGroup#metrics()} order. */
  public String format(long timestampMillis, long first, long second) {
    requireMetrics(2);
    return head + timestampMillis + after[0] + first + after[1] + second + after[2];
  }

  private void requireMetrics(int count) {
    if (after.length != count + 1) {
      throw new IllegalArgumentException(group + " has " + (after.length - 1) + " metrics");
    }
  }

  private static String quoted(String plain) {
    return "\"" + plain + "\"";
  }
}
