import { ApiError, isTransient } from '../api/client';
import type { Reservation } from '../api/types';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from './backoff';

export type ReserveOutcome =
  | { kind: 'reserved'; reservation: Reservation }
  /** 409: these seats were taken first; the others are still free. */
  | { kind: 'conflict'; lostSeatIds: number[]; version: number | null; uncertain: boolean }
  /** 401/403: no valid session any more; back to the queue. */
  | { kind: 'sessionEnded'; status: number; code: string; message: string; uncertain: boolean }
  /** 503 `sale_paused`: an operator paused the sale; nothing is held; try again after `retryAfterMs`. */
  | { kind: 'paused'; retryAfterMs: number }
  | { kind: 'limit'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string };

export interface ReserveApi {
  reserve(performanceId: number, accessToken: string, seatIds: number[]): Promise<Reservation>;
}

export interface RetryOptions {
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  wait?: (ms: number) => Promise<void>;
  onRetry?: (attempt: number, delayMs: number) => void;
}

/**
 * One reservation request, retried with backoff while there is no answer (network error,
 * throttling, 502-504). Every retry sends the same seats under the same session, so it can never
 * make a second reservation: if the lost answer was a success, the server answers the retry with
 * that reservation (200). A refusal (or a 409 naming all our seats) after a lost answer is still
 * flagged `uncertain`, so the page can say so instead of claiming the seats went to someone else.
 */
export async function reserveWithRetry(
  api: ReserveApi,
  performanceId: number,
  accessToken: string,
  seatIds: number[],
  options: RetryOptions = {},
): Promise<ReserveOutcome> {
  const maxAttempts = options.maxAttempts ?? 5;
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  let lostAnAnswer = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const reservation = await api.reserve(performanceId, accessToken, seatIds);
      return { kind: 'reserved', reservation };
    } catch (error) {
      // A pause lasts as long as the operator wants: the buyer is told, not kept waiting on a retry.
      if (isSalePaused(error)) return outcomeOf(error, seatIds, lostAnAnswer);
      if (isTransient(error) && attempt < maxAttempts) {
        lostAnAnswer = true;
        const hinted = error instanceof ApiError ? (error.retryAfterMs ?? 0) : 0;
        const delay = Math.max(hinted, backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF, options.random));
        options.onRetry?.(attempt, delay);
        await wait(delay);
        continue;
      }
      return outcomeOf(error, seatIds, lostAnAnswer);
    }
  }
}

export function outcomeOf(error: unknown, seatIds: number[], lostAnAnswer: boolean): ReserveOutcome {
  if (!(error instanceof ApiError)) {
    return { kind: 'failed', message: 'We could not reach the box office. Check your connection and try again.' };
  }
  if (error.status === 409) {
    const lost = (error.body.seatIds ?? []).filter((id) => typeof id === 'number');
    const named = lost.length > 0 ? lost : seatIds;
    return {
      kind: 'conflict',
      lostSeatIds: named,
      version: typeof error.body.version === 'number' ? error.body.version : null,
      uncertain: lostAnAnswer && seatIds.every((id) => named.includes(id)),
    };
  }
  if (error.status === 401 || error.status === 403) {
    return {
      kind: 'sessionEnded',
      status: error.status,
      code: error.code,
      message: error.message,
      uncertain: lostAnAnswer,
    };
  }
  if (isSalePaused(error)) return { kind: 'paused', retryAfterMs: error.retryAfterMs ?? SALE_PAUSED_RETRY_MS };
  if (error.status === 422) return { kind: 'limit', message: error.message };
  if (error.status === 400) return { kind: 'invalid', message: error.message };
  return { kind: 'failed', message: error.message };
}

/** When a `sale_paused` answer carries no Retry-After (the server sends 30 s). */
const SALE_PAUSED_RETRY_MS = 30_000;

function isSalePaused(error: unknown): boolean {
  return error instanceof ApiError && error.status === 503 && error.code === 'sale_paused';
}

/**
 * Lets one submission run at a time: a second click (or Enter) while one is in flight gets the
 * same promise instead of a second request.
 */
export class SingleFlight<T> {
  private pending: Promise<T> | null = null;

  get busy(): boolean {
    return this.pending !== null;
  }

  run(task: () => Promise<T>): Promise<T> {
    if (this.pending) return this.pending;
    const p = task().finally(() => {
      this.pending = null;
    });
    this.pending = p;
    return p;
  }
}
