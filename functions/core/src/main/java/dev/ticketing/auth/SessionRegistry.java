package dev.ticketing.auth;

/**
 * Which ticketing sessions are active right now. The access token alone is not enough: a session
 * ends early (a reservation, a DELETE, an operator) and then its token must stop working.
 */
public interface SessionRegistry {
  boolean isActive(long performanceId, String sessionId);

  /** Ends the session now and frees its slot for the next in line; ending twice is harmless. */
  void end(long performanceId, String sessionId);
}
