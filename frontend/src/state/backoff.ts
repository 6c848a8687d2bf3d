/** Exponential backoff with jitter, for retrying after a network error or throttling. */
export interface BackoffPolicy {
  /** Delay before the first retry. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
  factor: number;
  /** Spread of the random jitter, as a fraction of the delay (0.2 → ±20 %). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 15_000, factor: 2, jitter: 0.2 };

/**
 * The delay before retry number `attempt` (1 = the first retry). Jitter keeps a crowd of buyers
 * whose connection dropped at the same moment from coming back at the same moment.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const raw = Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
  const spread = raw * policy.jitter;
  const jittered = raw - spread + 2 * spread * random();
  return Math.round(Math.min(policy.maxMs, Math.max(0, jittered)));
}

/** `setTimeout`/`clearTimeout`, injectable so tests can drive time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function sleep(ms: number, timers: Timers = realTimers): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, ms);
  });
}
