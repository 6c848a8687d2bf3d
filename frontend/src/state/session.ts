/** The ticketing session's countdown: how long is left, and whether to warn (the last minute). */
export interface SessionClock {
  remainingMs: number;
  warning: boolean;
  ended: boolean;
}

export const WARNING_MS = 60_000;

export function sessionClock(expiresAt: string, now: number): SessionClock {
  const end = Date.parse(expiresAt);
  if (!Number.isFinite(end)) return { remainingMs: 0, warning: false, ended: false };
  const remainingMs = Math.max(0, end - now);
  return { remainingMs, warning: remainingMs > 0 && remainingMs <= WARNING_MS, ended: remainingMs === 0 };
}
