package dev.ticketing.routes;

/**
 * The deployed functions: each is a Maven module under {@code functions/} building {@code
 * <module>-lambda.jar}, started by its handler class, in a Micronaut environment named after it.
 */
public enum Function {
  ISSUE_TICKET(Names.ISSUE_TICKET, "dev.ticketing.issueticket.IssueTicketFunction"),
  POLL_POSITION(Names.POLL_POSITION, "dev.ticketing.pollposition.PollPositionFunction"),
  LIST_SEATS(Names.LIST_SEATS, "dev.ticketing.listseats.ListSeatsFunction"),
  RESERVE_SEAT(Names.RESERVE_SEAT, "dev.ticketing.reserveseat.ReserveSeatFunction"),
  ADVANCE_QUEUE(Names.ADVANCE_QUEUE, "dev.ticketing.advancequeue.AdvanceQueueFunction"),
  ADMIN(Names.ADMIN, "dev.ticketing.admin.MigrateDatabaseFunction"),
  OPERATOR_CONSOLE(Names.OPERATOR_CONSOLE, "dev.ticketing.operatorconsole.OperatorConsoleFunction");

  /**
   * The admin module's second handler: the operator's commands (reset, audit, queue-status,
   * set-capacity) as JSON, invoked through the AWS CLI; {@link #ADMIN}'s handler migrates.
   */
  public static final String ADMIN_COMMANDS_HANDLER =
      "dev.ticketing.admin.AdminFunction::handleRequest";

  /**
   * The operator console module's second handler: API Gateway's Lambda REQUEST authorizer of the
   * operator routes ({@link Routes#needsOperatorToken}), verifying the operator token.
   */
  public static final String OPERATOR_AUTHORIZER_HANDLER =
      "dev.ticketing.operatorconsole.OperatorAuthorizer::handleRequest";

  /** The module names as constants, for annotations ({@code @Requires(env = ...)}). */
  public static final class Names {
    public static final String ISSUE_TICKET = "issue-ticket";
    public static final String POLL_POSITION = "poll-position";
    public static final String LIST_SEATS = "list-seats";
    public static final String RESERVE_SEAT = "reserve-seat";
    public static final String ADVANCE_QUEUE = "advance-queue";
    public static final String ADMIN = "admin";
    public static final String OPERATOR_CONSOLE = "operator-console";

    private Names() {}
  }

  private final String module;
  private final String handlerClass;

  Function(String module, String handlerClass) {
    this.module = module;
    this.handlerClass = handlerClass;
  }

  /** The module (and Micronaut environment) name, e.g. {@code poll-position}. */
  public String module() {
    return module;
  }

  public String handlerClass() {
    return handlerClass;
  }

  /** The Lambda handler string: {@code <class>::handleRequest}. */
  public String handler() {
    return handlerClass + "::handleRequest";
  }

  /** Whether API Gateway routes requests to it (the others run on a schedule or at deploy). */
  public boolean servesApi() {
    return Routes.ALL.stream().anyMatch(route -> route.function() == this);
  }
}
