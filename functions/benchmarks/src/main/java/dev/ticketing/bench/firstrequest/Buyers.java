package dev.ticketing.bench.firstrequest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.advancequeue.AdvanceQueueFunction;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.issueticket.IssueTicketFunction;
import dev.ticketing.listseats.ListSeatsFunction;
import dev.ticketing.pollposition.PollPositionFunction;
import dev.ticketing.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The probes' buyers, made through the real handlers in this JVM (not measured): tickets from
 * issue-ticket, sessions by ticking the advancer and polling until admitted, the free seats from
 * list-seats.
 */
final class Buyers implements AutoCloseable {
  private static final Pattern QUEUE_TOKEN = Pattern.compile("\"queueToken\":\"([^\"]+)\"");
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
  private static final Pattern FREE_SEAT =
      Pattern.compile("\"id\":(\\d+)[^}]*\"status\":\"AVAILABLE\"");

  private final IssueTicketFunction issue;
  private final PollPositionFunction poll;
  private final ListSeatsFunction seats;
  private final AdvanceQueueFunction advancer;

  Buyers(Settings settings) {
    issue =
        new IssueTicketFunction(
            FunctionContexts.start(FunctionEnvironments.ISSUE_TICKET, settings));
    poll =
        new PollPositionFunction(
            FunctionContexts.start(FunctionEnvironments.POLL_POSITION, settings));
    seats =
        new ListSeatsFunction(FunctionContexts.start(FunctionEnvironments.LIST_SEATS, settings));
    advancer =
        new AdvanceQueueFunction(
            FunctionContexts.start(FunctionEnvironments.ADVANCE_QUEUE, settings));
  }

  static String queue(long id) {
    return "/api/performances/" + id + "/queue";
  }

  static String seats(long id) {
    return "/api/performances/" + id + "/seats";
  }

  List<String> tickets(long id, int count) {
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      APIGatewayProxyResponseEvent a =
          issue.handleRequest(ProbeRequest.of("POST", queue(id), null, null).event(), null);
      tickets.add(group(QUEUE_TOKEN, a, 201));
    }
    return tickets;
  }

  /** The access tokens of {@code count} admitted buyers. */
  List<String> sessions(long id, int count) throws InterruptedException {
    List<String> tickets = tickets(id, count);
    String[] admitted = new String[count];
    int left = count;
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (left > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException((count - left) + " admitted after 300 s");
      }
      advancer.handleRequest(new ScheduledEvent(), null);
      Thread.sleep(1_100); // a ticket's poll is due a second after its last (POLL_AFTER_*)
      for (int i = 0; i < count; i++) {
        if (admitted[i] != null) {
          continue;
        }
        APIGatewayProxyResponseEvent a =
            poll.handleRequest(
                ProbeRequest.of("GET", queue(id), tickets.get(i), null).event(), null);
        Matcher m = ACCESS_TOKEN.matcher(a.getBody() == null ? "" : a.getBody());
        if (a.getStatusCode() == 200 && m.find()) {
          admitted[i] = m.group(1);
          left--;
        }
      }
    }
    return List.of(admitted);
  }

  List<Long> freeSeats(long id, String session) {
    APIGatewayProxyResponseEvent a =
        seats.handleRequest(ProbeRequest.of("GET", seats(id), session, null).event(), null);
    List<Long> free = new ArrayList<>();
    Matcher m = FREE_SEAT.matcher(a.getBody());
    while (m.find()) {
      free.add(Long.parseLong(m.group(1)));
    }
    return free;
  }

  private static String group(Pattern p, APIGatewayProxyResponseEvent a, int status) {
    Matcher m = p.matcher(a.getBody() == null ? "" : a.getBody());
    if (a.getStatusCode() != status || !m.find()) {
      throw new IllegalStateException(a.getStatusCode() + " " + a.getBody());
    }
    return m.group(1);
  }

  @Override
  public void close() {
    issue.close();
    poll.close();
    seats.close();
    advancer.close();
  }
}
