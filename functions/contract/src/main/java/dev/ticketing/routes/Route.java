package dev.ticketing.routes;

/**
 * One API Gateway method: a resource ({@code /api/performances/{id}/queue}), an HTTP method (or
 * {@code ANY}: every other method of the resource, so a wrong one reaches the function that owns it
 * and gets its JSON 405) and the function integrated with it.
 */
public record Route(String resource, String method, Function function) {
  public static final String ANY = "ANY";

  public boolean isAny() {
    return ANY.equals(method);
  }
}
