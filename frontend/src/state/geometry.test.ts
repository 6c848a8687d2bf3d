import { describe, expect, it } from 'vitest';
import { seat } from '../test/fakes';
import { geometry, moveFocus } from './geometry';
import { layoutOf } from './seatMap';

// Floor: 2 rows of 4 (ids 1-8); Balcony: 1 row of 6 (ids 9-14), wider, so centred rows shift.
const seats = [
  ...[1, 2, 3, 4].map((n) => seat(n, { zone: 'Floor', row: '1', number: n })),
  ...[1, 2, 3, 4].map((n) => seat(4 + n, { zone: 'Floor', row: '2', number: n })),
  ...[1, 2, 3, 4, 5, 6].map((n) => seat(8 + n, { zone: 'Balcony', row: '1', number: n })),
];
const geo = geometry(layoutOf(seats));

describe('seat map geometry and keyboard moves', () => {
  it('places every seat once, rows centred, zones top to bottom', () => {
    expect(geo.index.size).toBe(14);
    expect(geo.rows).toHaveLength(3);
    const floorRow = geo.rows[0]!;
    const balcony = geo.rows[2]!;
    expect(floorRow.seats[0]!.x).toBeGreaterThan(balcony.seats[0]!.x);
    expect(balcony.y).toBeGreaterThan(geo.rows[1]!.y);
    expect(geo.height).toBeGreaterThan(balcony.y);
  });

  it('arrows move along the row and stop at its ends', () => {
    expect(moveFocus(geo, 1, 'ArrowRight')).toBe(2);
    expect(moveFocus(geo, 2, 'ArrowLeft')).toBe(1);
    expect(moveFocus(geo, 1, 'ArrowLeft')).toBeNull();
    expect(moveFocus(geo, 4, 'ArrowRight')).toBeNull();
    expect(moveFocus(geo, 2, 'End')).toBe(4);
    expect(moveFocus(geo, 3, 'Home')).toBe(1);
  });

  it('up and down go to the nearest seat of the next row, across zones', () => {
    expect(moveFocus(geo, 2, 'ArrowDown')).toBe(6);
    expect(moveFocus(geo, 6, 'ArrowUp')).toBe(2);
    expect(moveFocus(geo, 5, 'ArrowDown')).toBe(10);
    expect(moveFocus(geo, 9, 'ArrowUp')).toBe(5);
    expect(moveFocus(geo, 1, 'ArrowUp')).toBeNull();
    expect(moveFocus(geo, 10, 'ArrowDown')).toBeNull();
  });

  it('page keys jump between zones', () => {
    expect(moveFocus(geo, 2, 'PageDown')).toBe(11);
    expect(moveFocus(geo, 12, 'PageUp')).toBe(3);
    expect(moveFocus(geo, 12, 'PageDown')).toBeNull();
  });

  it('fits 2,000 seats', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      seat(i + 1, { zone: `Z${Math.floor(i / 500)}`, row: String(Math.floor((i % 500) / 25) + 1), number: (i % 25) + 1 }),
    );
    const g = geometry(layoutOf(many));
    expect(g.index.size).toBe(2000);
    expect(g.rows).toHaveLength(80);
  });
});
