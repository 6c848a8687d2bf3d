package dev.ticketing.auth;

/** A token that is malformed, forged (bad signature) or expired. */
public final class InvalidTokenException extends Exception {
  public enum Reason {
    MALFORMED,
    BAD_SIGNATURE,
    EXPIRED
  }

  private final Reason reason;

  public InvalidTokenException(Reason reason) {
    super(
        "token " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
        null,
        false,
        false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
