import type { QueueState } from '../api/types';

/**
 * What the last answer of the server said about a waiting ticket: the position then, the calls
 * made by then, the ticket's order key, and when to poll again. With the public queue state
 * (read in between, from the edge's cache) it gives the position now without asking the server.
 */
export interface LastPoll {
  position: number;
  calls: number;
  orderKey: number;
  pollAfterSeconds: number;
  admittedPerMinute: number | null;
  /** Epoch ms of the answer. */
  at: number;
}

/** The position now: the position at the last poll less the calls made since (never below 1). */
export function estimatedPosition(last: LastPoll, state: QueueState | null): number {
  if (!state) return last.position;
  const callsSince = Math.max(0, state.calls - last.calls);
  return Math.max(1, last.position - callsSince);
}

/**
 * Called: the queue has called up to (at least) this ticket's order key since the last poll.
 * Calls go in order-key order and every key is handed out before a larger one is called, so this
 * is exact; the poll that follows claims the call.
 */
export function isCalled(last: LastPoll, state: QueueState | null): boolean {
  if (!state || state.sale !== 'OPEN' || state.nowServing == null) return false;
  return state.calls > last.calls && state.nowServing >= last.orderKey;
}

/** Seconds until the buyer is likely called at the current rate; null until a rate is measured. */
export function estimatedWaitSeconds(position: number, admittedPerMinute: number | null | undefined): number | null {
  if (admittedPerMinute == null || admittedPerMinute < 0.01) return null;
  return Math.ceil((position * 60) / admittedPerMinute);
}

/**
 * How often to read the public state: every second when the call may come within 15 s (the state
 * is at most a second old at the edge, so the call is seen within about 2 s), every 2 s within a
 * minute, less often further back, where there is little to see move and the edge's request count
 * is what a large crowd costs (docs/capacity.md).
 */
export function stateRefreshMs(waitSeconds: number | null): number {
  if (waitSeconds !== null && waitSeconds <= 15) return 1_000;
  if (waitSeconds === null || waitSeconds <= 60) return 2_000;
  if (waitSeconds <= 600) return 5_000;
  return 10_000;
}

/**
 * How often to read the public state while the sale is paused or sold out: nothing moves, so
 * slowly; the page still sees the resume (or returned seats) within a few seconds.
 */
export const HOLD_STATE_REFRESH_MS = 5_000;
