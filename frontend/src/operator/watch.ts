import { ApiError } from '../api/client';
import type { Timers } from '../state/backoff';
import { PollLoop } from '../state/pollLoop';
import { isAuthLost } from './operatorApi';
import type { SessionStore } from './session';

/** What a watched figure looks like to the page: the last answer and how fresh it is. */
export interface Watched<T> {
  value: T | null;
  /** When the last answer came (ms since the epoch). */
  receivedAt: number | null;
  /**
   * `loading` before the first answer, `live` while answers come, `reconnecting` while a transient
   * failure is retried (the last value stays shown), `failed` on an error retrying will not fix,
   * `signedOut` when the token was refused or expired (the session is dropped).
   */
  status: 'loading' | 'live' | 'reconnecting' | 'failed' | 'signedOut';
  error: unknown;
}

export interface WatchOptions<T> {
  sessions: SessionStore;
  load: (token: string) => Promise<T>;
  intervalMs: number;
  onChange: (watched: Watched<T>) => void;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
}

/**
 * Polls an operator route with the session's token, one request at a time (`PollLoop`: transient
 * failures back off, the last answer stays on screen). A 401, or no live session, drops the session
 * and stops: the page returns to the sign-in form.
 */
export class Watch<T> {
  private readonly loop: PollLoop<T>;
  private watched: Watched<T> = { value: null, receivedAt: null, status: 'loading', error: null };

  constructor(options: WatchOptions<T>) {
    const now = options.now ?? Date.now;
    const set = (next: Partial<Watched<T>>) => {
      this.watched = { ...this.watched, ...next };
      options.onChange(this.watched);
    };
    this.loop = new PollLoop<T>({
      intervalMs: options.intervalMs,
      task: () => {
        const session = options.sessions.current();
        if (!session) return Promise.reject(new ApiError(401, { error: 'operator_auth_required' }));
        return options.load(session.token);
      },
      onResult: (value) => {
        set({ value, receivedAt: now(), status: 'live', error: null });
        return true;
      },
      onConnection: (c) => {
        if (!c.ok) set({ status: 'reconnecting' });
      },
      onFatal: (error) => {
        if (isAuthLost(error)) {
          options.sessions.drop('expired');
          set({ status: 'signedOut', error });
        } else {
          set({ status: 'failed', error });
        }
      },
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** Reads at once (after an action), instead of at the next tick. */
  refresh(): void {
    this.loop.pollNow();
  }
}
