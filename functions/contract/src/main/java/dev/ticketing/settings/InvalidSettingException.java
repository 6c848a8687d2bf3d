package dev.ticketing.settings;

/** A configuration variable has a value the service cannot run with; start-up stops. */
public final class InvalidSettingException extends RuntimeException {
  private final String variable;

  public InvalidSettingException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
