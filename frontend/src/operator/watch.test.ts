import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, offline } from '../test/fakes';
import { SessionStore } from './session';
import { Watch, type Watched } from './watch';

const FAR = '2099-01-01T00:00:00Z';

function setUp(answers: Array<number | Error>) {
  const sessions = new SessionStore();
  sessions.signIn({ token: 'op.t', operator: 'alice', expiresAt: FAR });
  const tokens: string[] = [];
  const seen: Array<Watched<number>> = [];
  const watch = new Watch<number>({
    sessions,
    intervalMs: 3000,
    load: async (token) => {
      tokens.push(token);
      const next = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (next instanceof Error) throw next;
      return next;
    },
    onChange: (w) => seen.push(w),
    random: () => 0.5,
  });
  return { sessions, tokens, seen, watch, last: () => seen[seen.length - 1]! };
}

describe('Watch (the console and the audit log, polled with the operator token)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads every 3 s with the token, each answer shown as live', async () => {
    const { tokens, watch, last } = setUp([1, 2, 3]);
    watch.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).toMatchObject({ value: 1, status: 'live' });
    await vi.advanceTimersByTimeAsync(2999);
    expect(tokens).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(last()).toMatchObject({ value: 2, status: 'live' });
    expect(tokens).toEqual(['op.t', 'op.t']);
    watch.stop();
  });

  it('keeps the last figures while reconnecting, and is live again at the next answer', async () => {
    const { watch, seen, last } = setUp([5, offline(), 6]);
    watch.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(last()).toMatchObject({ value: 5, status: 'reconnecting' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(last()).toMatchObject({ value: 6, status: 'live' });
    expect(seen.map((w) => w.status)).toEqual(['live', 'reconnecting', 'live']);
    watch.stop();
  });

  it('drops the session at the first 401 and reads no more', async () => {
    const { sessions, tokens, watch, last } = setUp([5, apiError(401, 'operator_auth_required')]);
    watch.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(last().status).toBe('signedOut');
    expect(sessions.snapshot()).toBeNull();
    expect(sessions.signedOutReason()).toBe('expired');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tokens).toHaveLength(2);
  });

  it('sends nothing once the session is gone (signed out elsewhere in the page)', async () => {
    const { sessions, tokens, watch, last } = setUp([5]);
    watch.start();
    await vi.advanceTimersByTimeAsync(0);
    sessions.drop('signedOut');
    await vi.advanceTimersByTimeAsync(3000);
    expect(tokens).toHaveLength(1);
    expect(last().status).toBe('signedOut');
    expect(sessions.signedOutReason()).toBe('signedOut');
  });

  it('stops on an error retrying will not fix (no such performance) and says so', async () => {
    const { tokens, watch, last } = setUp([apiError(404, 'performance_not_found')]);
    watch.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(last().status).toBe('failed');
    expect(tokens).toHaveLength(1);
  });

  it('reads at once on refresh (after an action) instead of at the next tick', async () => {
    const { tokens, watch, last } = setUp([1, 2]);
    watch.start();
    await vi.advanceTimersByTimeAsync(500);
    watch.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(tokens).toHaveLength(2);
    expect(last().value).toBe(2);
    watch.stop();
  });
});
