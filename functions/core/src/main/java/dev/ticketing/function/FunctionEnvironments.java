package dev.ticketing.function;

import dev.ticketing.routes.Function;

/**
 * The Micronaut environment each function starts in: its module's name from the route catalog
 * ({@link Function}). A controller or bean that belongs to one function carries
 * {@code @Requires(env = ...)} with its name, so a function's context holds only its own beans even
 * when every function shares one classpath (the local gateway, tests).
 */
public final class FunctionEnvironments {
  public static final String ISSUE_TICKET = Function.Names.ISSUE_TICKET;
  public static final String POLL_POSITION = Function.Names.POLL_POSITION;
  public static final String LIST_SEATS = Function.Names.LIST_SEATS;
  public static final String RESERVE_SEAT = Function.Names.RESERVE_SEAT;
  public static final String ADVANCE_QUEUE = Function.Names.ADVANCE_QUEUE;
  public static final String ADMIN = Function.Names.ADMIN;
  public static final String OPERATOR_CONSOLE = Function.Names.OPERATOR_CONSOLE;

  private FunctionEnvironments() {}
}
