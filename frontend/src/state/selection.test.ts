import { describe, expect, it } from 'vitest';
import { seat, seatsById } from '../test/fakes';
import { dropTaken, MAX_SELECTED, selectionTotal, toggleSeat } from './selection';

const seats = seatsById([
  seat(1, { price: 180 }),
  seat(2, { price: 120.5 }),
  seat(3, { price: 90 }),
  seat(4, { price: 60 }),
  seat(5, { price: 60 }),
  seat(6, { status: 'RESERVED' }),
]);

describe('selection rules', () => {
  it('selects an available seat and unselects it on a second click', () => {
    const one = toggleSeat([], 1, seats);
    expect(one).toEqual({ selection: [1], refused: null });
    expect(toggleSeat(one.selection, 1, seats)).toEqual({ selection: [], refused: null });
  });

  it('allows up to four seats and refuses a fifth', () => {
    let selection: number[] = [];
    for (const id of [1, 2, 3, 4]) selection = toggleSeat(selection, id, seats).selection;
    expect(selection).toEqual([1, 2, 3, 4]);
    expect(MAX_SELECTED).toBe(4);
    expect(toggleSeat(selection, 5, seats)).toEqual({ selection: [1, 2, 3, 4], refused: 'limit' });
    expect(toggleSeat(selection, 4, seats).selection).toEqual([1, 2, 3]);
  });

  it('refuses a taken seat and a seat it does not know', () => {
    expect(toggleSeat([1], 6, seats)).toEqual({ selection: [1], refused: 'taken' });
    expect(toggleSeat([1], 99, seats)).toEqual({ selection: [1], refused: 'unknown' });
  });

  it('drops selected seats that became taken and names them', () => {
    const after = new Map(seats);
    after.set(2, { ...seats.get(2)!, status: 'RESERVED' });
    expect(dropTaken([1, 2, 3], after)).toEqual({ selection: [1, 3], lost: [2] });
    expect(dropTaken([1, 3], after)).toEqual({ selection: [1, 3], lost: [] });
  });

  it('totals the selection to the cent', () => {
    expect(selectionTotal([1, 2], seats)).toBe(300.5);
    expect(selectionTotal([], seats)).toBe(0);
  });
});
