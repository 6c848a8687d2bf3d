import { describe, expect, it } from 'vitest';
import { seat } from '../test/fakes';
import { initialSeatPage, seatPageReducer, type SeatPageState } from './seatPage';

function loaded(): SeatPageState {
  return seatPageReducer(initialSeatPage, {
    type: 'answer',
    answer: { kind: 'full', version: 1, seats: [seat(1), seat(2), seat(3), seat(4), seat(5), seat(6)] },
  });
}

describe('seat page state', () => {
  it('a seat taken by someone else while selected is dropped at once, with a notice', () => {
    let s = loaded();
    s = seatPageReducer(s, { type: 'toggle', seatId: 1 });
    s = seatPageReducer(s, { type: 'toggle', seatId: 2 });
    s = seatPageReducer(s, { type: 'answer', answer: { kind: 'changes', version: 2, changes: [{ id: 2, status: 'RESERVED' }] } });
    expect(s.selection).toEqual([1]);
    expect(s.lost).toEqual([2]);
    expect(s.map?.seats.get(2)?.status).toBe('RESERVED');
    expect(s.notice?.tone).toBe('warning');
    expect(s.notice?.text).toContain('Floor, row 1, seat 2 was just taken');
    expect(s.notice?.text).toContain('Your other seats are still selected');
  });

  it('a change to seats nobody selected leaves the selection and notice alone', () => {
    let s = loaded();
    s = seatPageReducer(s, { type: 'toggle', seatId: 1 });
    const before = s;
    s = seatPageReducer(s, { type: 'answer', answer: { kind: 'changes', version: 2, changes: [{ id: 5, status: 'RESERVED' }] } });
    expect(s.selection).toEqual([1]);
    expect(s.notice).toBeNull();
    expect(s.map?.seats.get(1)).toBe(before.map?.seats.get(1));
  });

  it('a 409 highlights the lost seats and keeps the rest selected', () => {
    let s = loaded();
    for (const id of [1, 2, 3]) s = seatPageReducer(s, { type: 'toggle', seatId: id });
    s = seatPageReducer(s, { type: 'conflict', seatIds: [2] });
    expect(s.selection).toEqual([1, 3]);
    expect(s.lost).toEqual([2]);
    expect(s.map?.seats.get(2)?.status).toBe('RESERVED');
    expect(s.notice?.tone).toBe('error');
    expect(s.notice?.text).toContain('taken a moment before you');
    s = seatPageReducer(s, { type: 'toggle', seatId: 2 });
    expect(s.selection).toEqual([1, 3]);
  });

  it('explains the limit when a fifth seat is clicked', () => {
    let s = loaded();
    for (const id of [1, 2, 3, 4, 5]) s = seatPageReducer(s, { type: 'toggle', seatId: id });
    expect(s.selection).toEqual([1, 2, 3, 4]);
    expect(s.notice?.text).toContain('up to 4 seats');
  });

  it('ignores changes before the first full map and 304s', () => {
    const s = seatPageReducer(initialSeatPage, {
      type: 'answer',
      answer: { kind: 'changes', version: 2, changes: [{ id: 2, status: 'RESERVED' }] },
    });
    expect(s).toBe(initialSeatPage);
    const l = loaded();
    expect(seatPageReducer(l, { type: 'answer', answer: { kind: 'unchanged' } })).toBe(l);
  });
});
