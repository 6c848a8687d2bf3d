import { describe, expect, it } from 'vitest';
import type { QueueState } from '../api/types';
import { estimatedPosition, estimatedWaitSeconds, isCalled, stateRefreshMs, type LastPoll } from './cadence';

const KEY = 2 ** 48 + 40;
const last: LastPoll = { position: 30, calls: 100, orderKey: KEY, pollAfterSeconds: 20, admittedPerMinute: 60, at: 0 };
const state = (calls: number, nowServing: number | null, sale = 'OPEN'): QueueState => ({
  performanceId: 1,
  sale,
  nowServing,
  calls,
  admittedPerMinute: 60,
  waiting: 500,
  computedAt: '2030-01-01T00:00:00Z',
});

describe('estimatedPosition', () => {
  it('is the position at the last poll less the calls made since', () => {
    expect(estimatedPosition(last, state(112, KEY - 20))).toBe(18);
  });

  it('never goes below 1, nor up when the cached state is older than the poll', () => {
    expect(estimatedPosition(last, state(500, KEY - 1))).toBe(1);
    expect(estimatedPosition(last, state(90, KEY - 40))).toBe(30);
    expect(estimatedPosition(last, null)).toBe(30);
  });
});

describe('isCalled', () => {
  it('says called once now-serving reaches the order key', () => {
    expect(isCalled(last, state(130, KEY - 1))).toBe(false);
    expect(isCalled(last, state(131, KEY))).toBe(true);
    expect(isCalled(last, state(140, KEY + 9))).toBe(true);
  });

  it('needs calls since the poll, an open sale and a number served', () => {
    expect(isCalled(last, state(100, KEY + 5)), 'no call since the poll').toBe(false);
    expect(isCalled(last, state(131, KEY, 'PAUSED')), 'a state it does not know: not open').toBe(false);
    expect(isCalled(last, state(131, null))).toBe(false);
    expect(isCalled(last, null)).toBe(false);
  });
});

describe('estimatedWaitSeconds', () => {
  it('is the position over the rate, unknown before a rate', () => {
    expect(estimatedWaitSeconds(30, 60)).toBe(30);
    expect(estimatedWaitSeconds(7, 12)).toBe(35);
    expect(estimatedWaitSeconds(30, null)).toBeNull();
    expect(estimatedWaitSeconds(30, 0)).toBeNull();
  });
});

describe('stateRefreshMs', () => {
  it('reads often near the call and rarely far back', () => {
    expect(stateRefreshMs(null)).toBe(2_000);
    expect(stateRefreshMs(15)).toBe(1_000);
    expect(stateRefreshMs(16)).toBe(2_000);
    expect(stateRefreshMs(45)).toBe(2_000);
    expect(stateRefreshMs(300)).toBe(5_000);
    expect(stateRefreshMs(3_600)).toBe(10_000);
  });
});
