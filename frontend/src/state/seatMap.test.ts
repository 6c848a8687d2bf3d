import { describe, expect, it } from 'vitest';
import { seat } from '../test/fakes';
import { applyChanges, applyFull, availableCount, layoutOf, markTaken, mergeAnswer } from './seatMap';

const three = [seat(1), seat(2), seat(3)];

describe('seat-map delta merging', () => {
  it('a full answer builds the map', () => {
    const { state, newlyTaken } = applyFull(null, 5, three);
    expect(state.version).toBe(5);
    expect([...state.seats.keys()]).toEqual([1, 2, 3]);
    expect(newlyTaken).toEqual([]);
  });

  it('changes mark seats taken, move the version and name the newly taken seats', () => {
    const base = applyFull(null, 5, three).state;
    const { state, newlyTaken } = applyChanges(base, 7, [
      { id: 2, status: 'RESERVED' },
      { id: 3, status: 'RESERVED' },
    ]);
    expect(state.version).toBe(7);
    expect(state.seats.get(2)?.status).toBe('RESERVED');
    expect(state.seats.get(1)?.status).toBe('AVAILABLE');
    expect(newlyTaken).toEqual([2, 3]);
    expect(availableCount(state)).toBe(1);
    expect(base.seats.get(2)?.status).toBe('AVAILABLE');
  });

  it('keeps unchanged seats as the same objects so only changed seats re-render', () => {
    const base = applyFull(null, 5, three).state;
    const { state } = applyChanges(base, 6, [{ id: 2, status: 'RESERVED' }]);
    expect(state.seats.get(1)).toBe(base.seats.get(1));
    expect(state.seats.get(2)).not.toBe(base.seats.get(2));
    const refreshed = applyFull(state, 9, [seat(1), seat(2, { status: 'RESERVED' }), seat(3, { status: 'RESERVED' })]);
    expect(refreshed.state.seats.get(1)).toBe(base.seats.get(1));
    expect(refreshed.state.seats.get(2)).toBe(state.seats.get(2));
    expect(refreshed.newlyTaken).toEqual([3]);
  });

  it('ignores an answer older than the map (out of order) and changes of unknown seats', () => {
    const base = applyFull(null, 5, three).state;
    const later = applyChanges(base, 8, [{ id: 1, status: 'RESERVED' }]).state;
    expect(applyChanges(later, 7, [{ id: 2, status: 'RESERVED' }]).state).toBe(later);
    expect(applyChanges(later, 8, [{ id: 2, status: 'RESERVED' }]).state).toBe(later);
    expect(applyFull(later, 6, three).state).toBe(later);
    const unknown = applyChanges(later, 9, [{ id: 404, status: 'RESERVED' }]);
    expect(unknown.state.version).toBe(9);
    expect(unknown.state.seats).toBe(later.seats);
    expect(unknown.newlyTaken).toEqual([]);
  });

  it('a full map in answer to a too-old version replaces what we had', () => {
    const base = applyFull(null, 5, three).state;
    const { state, newlyTaken } = mergeAnswer(base, {
      kind: 'full',
      version: 500,
      seats: [seat(1, { status: 'RESERVED' }), seat(2), seat(3)],
    });
    expect(state.version).toBe(500);
    expect(newlyTaken).toEqual([1]);
  });

  it('a 304 leaves the map as it is', () => {
    const base = applyFull(null, 5, three).state;
    expect(mergeAnswer(base, { kind: 'unchanged' }).state).toBe(base);
  });

  it('a seat released again shows as available', () => {
    const base = applyFull(null, 5, [seat(1, { status: 'RESERVED' })]).state;
    const { state, newlyTaken } = applyChanges(base, 6, [{ id: 1, status: 'AVAILABLE' }]);
    expect(state.seats.get(1)?.status).toBe('AVAILABLE');
    expect(newlyTaken).toEqual([]);
  });

  it('marks the seats a 409 named taken without moving the version', () => {
    const base = applyFull(null, 5, three).state;
    const state = markTaken(base, [3]);
    expect(state.version).toBe(5);
    expect(state.seats.get(3)?.status).toBe('RESERVED');
    expect(markTaken(state, [3])).toBe(state);
  });
});

describe('layoutOf', () => {
  it('orders zones as the layout does and rows and seats numerically', () => {
    const seats = [
      seat(1, { zone: 'Floor', row: '1', number: 1 }),
      seat(2, { zone: 'Floor', row: '1', number: 2 }),
      seat(3, { zone: 'Floor', row: '2', number: 1 }),
      seat(4, { zone: 'Balcony', row: '10', number: 1 }),
      seat(5, { zone: 'Balcony', row: '9', number: 2 }),
      seat(6, { zone: 'Balcony', row: '9', number: 1 }),
    ];
    const zones = layoutOf([...seats].reverse());
    expect(zones.map((z) => z.name)).toEqual(['Floor', 'Balcony']);
    expect(zones[1]!.rows.map((r) => r.label)).toEqual(['9', '10']);
    expect(zones[1]!.rows[0]!.seats.map((s) => s.number)).toEqual([1, 2]);
    expect(zones[0]!.maxSeatsPerRow).toBe(2);
  });
});
