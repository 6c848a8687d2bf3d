package dev.ticketing.function;

/**
 * The Micronaut environment each function starts in. A controller or bean that belongs to one
 * function carries {@code @Requires(env = ...)} with its name, so a function's context holds only
 * its own beans even when every function shares one classpath (the local gateway, tests).
 */
public final class FunctionEnvironments {
  public static final String ISSUE_TICKET = "issue-ticket";
  public static final String POLL_POSITION = "poll-position";
  public static final String LIST_SEATS = "list-seats";
  public static final String RESERVE_SEAT = "reserve-seat";
  public static final String ADVANCE_QUEUE = "advance-queue";
  public static final String ADMIN = "admin";

  private FunctionEnvironments() {}
}
