package dev.ticketing.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Small helpers to walk synthesized CloudFormation (maps and lists). */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** Follows keys (String) and indexes (Integer); null when a step is missing. */
  static Object at(Object root, Object... path) {
    Object o = root;
    for (Object step : path) {
      if (o == null) {
        return null;
      }
      o = step instanceof Integer i ? list(o).get(i) : map(o).get((String) step);
    }
    return o;
  }

  static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> parse(String json) {
    try {
      return map(MAPPER.readValue(json, Map.class));
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
