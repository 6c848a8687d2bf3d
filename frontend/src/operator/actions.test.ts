import { describe, expect, it } from 'vitest';
import { allowedActions, confirmationFor, formatChange, formatShare, formatValue, parseCapacity } from './actions';
import type { ConsoleSnapshot } from './types';

const snapshot = (over: Partial<ConsoleSnapshot> = {}): ConsoleSnapshot => ({
  performanceId: 1,
  saleState: 'OPEN',
  capacity: 100,
  waiting: 40,
  called: 3,
  inSession: 12,
  seats: { available: 80, held: 4, sold: 16 },
  lastMinute: { admissions: 9, reservations: 5, conflicts: 1, conflictShare: 1 / 6, serverErrors: 0 },
  series: [],
  joinDifficulty: 0,
  asOf: '2026-12-06T16:00:00Z',
  ...over,
});

describe('confirmations', () => {
  it('state what pausing does, with the current state and the new one', () => {
    const c = confirmationFor({ action: 'pause' }, snapshot());
    expect(c.change).toEqual({ label: 'Sale state', current: 'On sale (OPEN)', next: 'Paused (PAUSED)' });
    expect(c.effect).toMatch(/keep their places/);
    expect(c.destructive).toBe(false);
  });

  it('show the capacity now and after, and whether lowering it sends anyone out', () => {
    const lower = confirmationFor({ action: 'set-capacity', capacity: 25 }, snapshot());
    expect(lower.change).toEqual({ label: 'Capacity', current: '100', next: '25' });
    expect(lower.effect).toMatch(/nobody in a session is sent out/);
    const higher = confirmationFor({ action: 'set-capacity', capacity: 1500 }, snapshot());
    expect(higher.change.next).toBe('1,500');
    expect(higher.effect).toMatch(/calls more buyers/);
  });

  it('mark closing the sale as the one that cannot be taken back', () => {
    const c = confirmationFor({ action: 'close' }, snapshot({ saleState: 'PAUSED' }));
    expect(c.destructive).toBe(true);
    expect(c.change).toEqual({ label: 'Sale state', current: 'Paused (PAUSED)', next: 'Closed (CLOSED)' });
    expect(confirmationFor({ action: 'resume' }, snapshot({ saleState: 'PAUSED' })).change.next).toBe('On sale (OPEN)');
  });
});

describe('allowedActions', () => {
  it('offers resume only while paused, pause otherwise, and nothing once closed', () => {
    expect([...allowedActions('OPEN')].sort()).toEqual(['close', 'pause', 'set-capacity']);
    expect([...allowedActions('PAUSED')].sort()).toEqual(['close', 'resume', 'set-capacity']);
    expect([...allowedActions('SOLD_OUT')]).toContain('pause');
    expect(allowedActions('CLOSED').size).toBe(0);
  });
});

describe('parseCapacity', () => {
  it('takes a whole number from 1 to 100,000 and says what is wrong with anything else', () => {
    expect(parseCapacity(' 250 ')).toEqual({ ok: true, capacity: 250 });
    expect(parseCapacity('100000')).toEqual({ ok: true, capacity: 100000 });
    for (const bad of ['', 'abc', '2.5', '-3', '1e3']) {
      expect(parseCapacity(bad)).toEqual({ ok: false, message: 'Enter a whole number of buyers.' });
    }
    expect(parseCapacity('0')).toEqual({ ok: false, message: 'Enter a capacity from 1 to 100,000.' });
    expect(parseCapacity('100001').ok).toBe(false);
  });
});

describe('formats', () => {
  it('show before/after values whatever their shape', () => {
    expect(formatValue('paused')).toBe('paused');
    expect(formatValue(1200)).toBe('1,200');
    expect(formatValue({ saleState: 'OPEN', capacity: 5 })).toBe('saleState: OPEN, capacity: 5');
    expect(formatValue(null)).toBe('—');
  });

  it('tell an action\'s change by the fields that changed, and an audit entry\'s by its two values', () => {
    expect(formatChange({ saleState: 'OPEN', capacity: 2 }, { saleState: 'PAUSED', capacity: 2 })).toBe('sale state OPEN → PAUSED');
    expect(formatChange({ saleState: 'OPEN', capacity: 2 }, { saleState: 'OPEN', capacity: 3 })).toBe('capacity 2 → 3');
    expect(formatChange({ saleState: 'PAUSED' }, { saleState: 'PAUSED' })).toBe('no change (saleState: PAUSED)');
    expect(formatChange('running', 'paused')).toBe('running → paused');
  });

  it('show the 409 share as a percentage', () => {
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(1 / 6)).toBe('17 %');
    expect(formatShare(0.034)).toBe('3.4 %');
    expect(formatShare(Number.NaN)).toBe('—');
  });
});
