import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

  it('doubles from the base delay and never passes the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 15000, 15000, 15000,
    ]);
  });

  it('spreads retries by the jitter fraction around the delay', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(3200);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(4000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.999999)).toBe(4800);
  });

  it('keeps a jittered delay under the cap', () => {
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 0.999999)).toBe(DEFAULT_BACKOFF.maxMs);
  });
});
