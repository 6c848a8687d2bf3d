package dev.ticketing.bench.hotpath;

import java.util.LinkedHashMap;
import java.util.Map;

/** One request the driver sends: method, path, headers, body. */
final class Call {
  final String path;
  final Map<String, String> headers = new LinkedHashMap<>();
  String method = "GET";
  String body;

  Call(String path) {
    this.path = path;
  }

  Call header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Call post(String body) {
    this.method = "POST";
    this.body = body;
    return this;
  }
}
