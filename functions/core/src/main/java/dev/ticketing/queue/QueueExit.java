package dev.ticketing.queue;

import dev.ticketing.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** A holder leaving the queue or ending their session: the slot frees at once. */
@Singleton
public class QueueExit {
  private static final LuaScript LEAVE = LuaScript.load("queue/leave.lua");

  private final StatefulRedisConnection<String, String> redis;

  public QueueExit(@Named("primary") StatefulRedisConnection<String, String> redis) {
    this.redis = redis;
  }

  /** Returns whether the ticket was still live; leaving twice is harmless. */
  public boolean leave(TicketRef ticket) {
    QueueKeys keys = new QueueKeys(ticket.performanceId());
    Long left =
        LEAVE.run(
            redis.sync(),
            ScriptOutputType.INTEGER,
            new String[] {
              keys.tickets(),
              keys.waiting(),
              keys.deadlines(),
              keys.called(),
              keys.admitted(),
              keys.sessions(),
              keys.calledAt()
            },
            Long.toString(ticket.number()),
            ticket.ticketId());
    return left == 1L;
  }
}
