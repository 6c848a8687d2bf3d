package dev.ticketing.figures;

/** What the operator console counts per performance and minute (docs/operations.md). */
public enum Figure {
  /** Tickets the advancer called into the room. */
  ADMISSIONS("admissions"),
  /** Holds made (201 of the reservation route). */
  RESERVATIONS("reservations"),
  /** 409s of the reservation route: seats taken by someone else first. */
  CONFLICTS("conflicts"),
  /** 5xx answers of any route of the performance (an operator's pause excepted). */
  SERVER_ERRORS("serverErrors"),
  /** Holders waiting, as the advancer's last tick of the minute saw them (a sample, not a sum). */
  WAITING("waiting");

  private final String field;

  Figure(String field) {
    this.field = field;
  }

  /** Its field in the minute's hash, and its name in the console's JSON. */
  public String field() {
    return field;
  }
}
