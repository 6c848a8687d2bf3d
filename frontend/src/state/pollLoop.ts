import { isTransient } from '../api/client';
import { backoffDelay, DEFAULT_BACKOFF, realTimers, type BackoffPolicy, type Timers } from './backoff';

export interface Connection {
  ok: boolean;
  /** Failed polls in a row. */
  failures: number;
  /** When not ok: the pause before the next try. */
  retryInMs: number;
}

export const CONNECTED: Connection = { ok: true, failures: 0, retryInMs: 0 };

export interface PollLoopOptions<T> {
  intervalMs: number;
  task: () => Promise<T>;
  /** A successful answer; return false to stop polling. */
  onResult: (result: T) => boolean;
  /** The pause after this answer (the server may say); `intervalMs` when absent. */
  nextDelayMs?: (result: T) => number;
  /** An error that retrying will not fix; the loop stops. */
  onFatal: (error: unknown) => void;
  onConnection?: (connection: Connection) => void;
  backoff?: BackoffPolicy;
  timers?: Timers;
  random?: () => number;
}

/**
 * Polls one request at a time: the next starts `intervalMs` (or what `nextDelayMs` says for that
 * answer) after the previous answer, so a slow server is never hit by overlapping polls. Transient
 * failures back off exponentially (with jitter) and the first success returns to the normal pace.
 */
export class PollLoop<T> {
  private readonly options: PollLoopOptions<T>;
  private readonly timers: Timers;
  private handle: unknown = null;
  private running = false;
  private inFlight = false;
  private failures = 0;

  constructor(options: PollLoopOptions<T>) {
    this.options = options;
    this.timers = options.timers ?? realTimers;
  }

  /** Starts polling now, or after `delayMs`. */
  start(delayMs = 0): void {
    if (this.running) return;
    this.running = true;
    if (delayMs > 0) this.schedule(delayMs);
    else void this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  get active(): boolean {
    return this.running;
  }

  /** Polls at once instead of waiting out the pause (e.g. the tab became visible again). */
  pollNow(): void {
    if (!this.running || this.inFlight) return;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    void this.tick();
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    if (!this.running || this.inFlight) return;
    this.inFlight = true;
    let result: T;
    try {
      result = await this.options.task();
    } catch (error) {
      this.inFlight = false;
      if (!this.running) return;
      if (isTransient(error)) {
        this.failures += 1;
        const hinted = (error as { retryAfterMs?: number | null }).retryAfterMs ?? 0;
        const delay = Math.max(hinted, backoffDelay(this.failures, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random));
        this.options.onConnection?.({ ok: false, failures: this.failures, retryInMs: delay });
        this.schedule(delay);
      } else {
        this.running = false;
        this.options.onFatal(error);
      }
      return;
    }
    this.inFlight = false;
    if (!this.running) return;
    if (this.failures > 0) {
      this.failures = 0;
      this.options.onConnection?.(CONNECTED);
    }
    if (this.options.onResult(result)) {
      this.schedule(this.options.nextDelayMs?.(result) ?? this.options.intervalMs);
    } else {
      this.running = false;
    }
  }
}
