import { describe, expect, it } from 'vitest';
import { sessionClock } from './session';

describe('sessionClock', () => {
  const end = '2030-01-01T00:05:00Z';
  const at = (iso: string) => Date.parse(iso);

  it('counts down, warns in the last minute, and ends at zero', () => {
    expect(sessionClock(end, at('2030-01-01T00:00:00Z'))).toEqual({ remainingMs: 300_000, warning: false, ended: false });
    expect(sessionClock(end, at('2030-01-01T00:04:00Z'))).toEqual({ remainingMs: 60_000, warning: true, ended: false });
    expect(sessionClock(end, at('2030-01-01T00:04:59Z')).warning).toBe(true);
    expect(sessionClock(end, at('2030-01-01T00:06:00Z'))).toEqual({ remainingMs: 0, warning: false, ended: true });
  });
});
