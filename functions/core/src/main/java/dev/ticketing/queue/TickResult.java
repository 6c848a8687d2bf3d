package dev.ticketing.queue;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What one tick did to one performance's queue, and the state it left: {@code room} is the bound on
 * active sessions + pending calls it applied (the capacity, or less when few seats are left).
 */
@Serdeable
public record TickResult(
    long performanceId,
    long called,
    long lapsedCalls,
    long abandoned,
    long expiredSessions,
    long activeSessions,
    long pendingCalls,
    long waiting,
    long capacity,
    double admittedPerMinute,
    long room,
    boolean paused,
    boolean soldOut) {}
