package dev.ticketing.queue;

import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The window a holder checks in at: each check reads where the ticket stands and, while it waits,
 * says when to come back and moves its deadline accordingly (one round trip). A check before that
 * time is {@link TicketStatus.TooSoon} and changes nothing. A poll also claims a call, opening the
 * ticketing session; a peek (a re-issue) only reports it.
 */
@Singleton
public class TicketWindow {
  private static final LuaScript POLL =
      LuaScript.load("queue/poll.lua", "queue/poll-after.lua", "queue/queue-clock.lua");

  private final StatefulRedisConnection<String, String> redis;
  private final QueueRules rules;

  public TicketWindow(
      @Named("primary") StatefulRedisConnection<String, String> redis, QueueRules rules) {
    this.redis = redis;
    this.rules = rules;
  }

  /** Status and cadence; a called ticket is admitted (its session opens now). */
  public TicketStatus poll(TicketRef ticket, Instant now, Instant keysExpireAt) {
    return check(ticket, now, true, keysExpireAt);
  }

  /** Status and cadence without claiming: a called ticket reports {@link TicketStatus.Called}. */
  public TicketStatus peek(TicketRef ticket, Instant now, Instant keysExpireAt) {
    return check(ticket, now, false, keysExpireAt);
  }

  private TicketStatus check(TicketRef ticket, Instant now, boolean claim, Instant expireAt) {
    QueueKeys keys = new QueueKeys(ticket.performanceId());
    String[] args =
        Stream.concat(
                Stream.of(
                    Long.toString(ticket.number()),
                    ticket.ticketId(),
                    Long.toString(now.toEpochMilli()),
                    Long.toString(rules.retention().toMillis()),
                    claim ? "1" : "0",
                    claim ? UUID.randomUUID().toString() : "",
                    Long.toString(expireAt.toEpochMilli()),
                    Long.toString(QueueRules.EARLY_POLL_TOLERANCE.toMillis())),
                Stream.of(rules.cadenceArgs()))
            .toArray(String[]::new);
    List<Object> r =
        POLL.run(
            redis.sync(),
            ScriptOutputType.MULTI,
            new String[] {
              keys.tickets(),
              keys.waiting(),
              keys.deadlines(),
              keys.called(),
              keys.admitted(),
              keys.sessions(),
              keys.meta(),
              keys.rate(),
              keys.capacity(),
              keys.calledAt()
            },
            args);
    String kind = (String) r.get(0);
    return switch (kind) {
      case "WAITING" ->
          new TicketStatus.Waiting(
              (Long) r.get(1),
              Double.parseDouble((String) r.get(2)),
              ((Long) r.get(3)).intValue(),
              Long.parseLong((String) r.get(4)),
              (Long) r.get(5));
      case "PENDING" ->
          new TicketStatus.BeforeOpening(epochMillis(r.get(1)), ((Long) r.get(2)).intValue());
      case "EARLY" ->
          new TicketStatus.TooSoon(Duration.ofMillis(Long.parseLong((String) r.get(1))));
      case "CALLED" -> new TicketStatus.Called();
      case "PAUSED" -> new TicketStatus.Paused(((Long) r.get(1)).intValue());
      case "SOLD_OUT" -> new TicketStatus.SoldOut(((Long) r.get(1)).intValue());
      case "ADMITTED" ->
          new TicketStatus.Admitted(
              (String) r.get(1),
              epochMillis(r.get(2)),
              Optional.of((String) r.get(3))
                  .filter(s -> !s.isEmpty())
                  .map(TicketWindow::epochMillis));
      case "GONE" -> new TicketStatus.Gone(TicketStatus.Reason.of((String) r.get(1)));
      default -> throw new IllegalStateException("poll.lua answered " + r);
    };
  }

  /** A score or stored time: Redis may render an integral double as "1.7e12" or "1700000000000". */
  private static Instant epochMillis(Object value) {
    return Instant.ofEpochMilli((long) Double.parseDouble(value.toString()));
  }
}
