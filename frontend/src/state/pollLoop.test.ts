import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BACKOFF } from './backoff';
import { PollLoop, type Connection } from './pollLoop';
import { apiError, offline } from '../test/fakes';

const backoff = { ...DEFAULT_BACKOFF, jitter: 0 };

describe('PollLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls once a second, each poll after the previous answer', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const task = vi.fn(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 300));
      inFlight--;
      return 'ok';
    });
    const loop = new PollLoop({ intervalMs: 1000, task, onResult: () => true, onFatal: () => {}, backoff });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1299);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1300 * 3);
    expect(task).toHaveBeenCalledTimes(5);
    expect(maxInFlight).toBe(1);
    loop.stop();
  });

  it('backs off 1 s, 2 s, 4 s on network errors and returns to 1 s after a success', async () => {
    const answers: Array<string | Error> = [offline(), offline(), offline(), 'ok', 'ok'];
    const times: number[] = [];
    const connections: Connection[] = [];
    const loop = new PollLoop({
      intervalMs: 1000,
      task: async () => {
        times.push(Date.now());
        const next = answers.shift() ?? 'ok';
        if (next instanceof Error) throw next;
        return next;
      },
      onResult: () => true,
      onFatal: () => {},
      onConnection: (c) => connections.push(c),
      backoff,
    });
    const start = Date.now();
    loop.start();
    await vi.advanceTimersByTimeAsync(9000);
    loop.stop();
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(times[0]).toBe(start);
    expect(gaps.slice(0, 5)).toEqual([1000, 2000, 4000, 1000, 1000]);
    expect(connections.map((c) => [c.ok, c.failures, c.retryInMs])).toEqual([
      [false, 1, 1000],
      [false, 2, 2000],
      [false, 3, 4000],
      [true, 0, 0],
    ]);
  });

  it('waits at least as long as a 429 asks', async () => {
    const answers: Array<string | Error> = [apiError(429, 'too_many_requests'), 'ok'];
    answers[0] = Object.assign(answers[0] as Error, { retryAfterMs: 5000 });
    const times: number[] = [];
    const loop = new PollLoop({
      intervalMs: 1000,
      task: async () => {
        times.push(Date.now());
        const next = answers.shift() ?? 'ok';
        if (next instanceof Error) throw next;
        return next;
      },
      onResult: () => false,
      onFatal: () => {},
      backoff,
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBe(5000);
  });

  it('stops on an error that retrying cannot fix and reports it', async () => {
    const fatal = vi.fn();
    const task = vi.fn(async () => {
      throw apiError(410, 'ticket_expired');
    });
    const loop = new PollLoop({ intervalMs: 1000, task, onResult: () => true, onFatal: fatal, backoff });
    loop.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(task).toHaveBeenCalledTimes(1);
    expect(fatal).toHaveBeenCalledOnce();
    expect(loop.active).toBe(false);
  });

  it('stops when the answer says so', async () => {
    const task = vi.fn(async () => 'done');
    const loop = new PollLoop({ intervalMs: 1000, task, onResult: () => false, onFatal: () => {}, backoff });
    loop.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('polls at once on pollNow, without overlapping a poll in flight', async () => {
    const task = vi.fn(async () => 'ok');
    const loop = new PollLoop({ intervalMs: 1000, task, onResult: () => true, onFatal: () => {}, backoff });
    loop.start();
    await vi.advanceTimersByTimeAsync(10);
    loop.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(task).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(3);
    loop.stop();
  });

  it('waits what each answer says when it says, and can start after a pause', async () => {
    const times: number[] = [];
    const delays = [3000, 500];
    const loop = new PollLoop({
      intervalMs: 1000,
      task: async () => {
        times.push(Date.now());
        return delays.shift() ?? 1000;
      },
      onResult: () => times.length < 4,
      nextDelayMs: (delay) => delay,
      onFatal: () => {},
      backoff,
    });
    const start = Date.now();
    loop.start(2000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(times.map((t) => t - start)).toEqual([2000, 5000, 5500, 6500]);
  });
});
