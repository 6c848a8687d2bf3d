package dev.ticketing.catalog;

/** A layout file the operator command cannot turn into a performance; the message says why. */
public final class InvalidLayoutException extends RuntimeException {
  public InvalidLayoutException(String problem) {
    super("Invalid layout: " + problem);
  }
}
