package dev.ticketing.testing;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.TokenCodec;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens a ticketing session directly in Redis and signs its access token, so the seat routes can be
 * tested without walking through the queue. The key is the one the waiting room admits into: the
 * sorted set {@code {p<performanceId>}:sessions}, member = session id, score = expiry (ms).
 */
public final class TestSessions {
  private static final AtomicLong TICKETS = new AtomicLong(1_000_000);

  private TestSessions() {}

  public record Session(String sessionId, long ticketNumber, String accessToken) {}

  public static Session open(ApplicationContext ctx, long performanceId) {
    return open(ctx, performanceId, Duration.ofMinutes(5));
  }

  public static Session open(ApplicationContext ctx, long performanceId, Duration ttl) {
    String sessionId = UUID.randomUUID().toString();
    long ticket = TICKETS.incrementAndGet();
    Instant expires = Instant.now().plus(ttl);
    redis(ctx).sync().zadd("{p" + performanceId + "}:sessions", expires.toEpochMilli(), sessionId);
    String token =
        ctx.getBean(TokenCodec.class)
            .sign(new AccessClaims(performanceId, ticket, sessionId, expires.getEpochSecond()));
    return new Session(sessionId, ticket, token);
  }

  /** A validly signed token whose session was never opened (or has since ended). */
  public static String tokenWithoutSession(ApplicationContext ctx, long performanceId) {
    return ctx.getBean(TokenCodec.class)
        .sign(
            new AccessClaims(
                performanceId,
                TICKETS.incrementAndGet(),
                UUID.randomUUID().toString(),
                Instant.now().plusSeconds(300).getEpochSecond()));
  }

  @SuppressWarnings("unchecked")
  private static StatefulRedisConnection<String, String> redis(ApplicationContext ctx) {
    return ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
  }
}
