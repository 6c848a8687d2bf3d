package dev.ticketing.error;

/** The header that carries a request's correlation id from the gateway to the logs. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";

  private RequestIds() {}
}
