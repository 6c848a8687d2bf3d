package dev.ticketing.admin;

/** A command that cannot be carried out as asked (an unknown performance, a bad number). */
final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AdminException(String message) {
    super(message);
  }
}
