import { describe, expect, it } from 'vitest';
import { linePath, niceCeiling, xAt, yAt, type Plot } from './chart';

const plot: Plot = { width: 120, height: 70, left: 10, right: 10, top: 10, bottom: 10 };

describe('the chart geometry', () => {
  it('rounds a scale up to 1, 2 or 5 × a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 45, 180, 999, 1001].map(niceCeiling)).toEqual([1, 1, 5, 10, 10, 20, 50, 200, 1000, 2000]);
  });

  it('spreads the minutes across the plot, oldest on the left, and puts zero at the bottom', () => {
    expect(xAt(plot, 0, 11)).toBe(10);
    expect(xAt(plot, 10, 11)).toBe(110);
    expect(xAt(plot, 0, 1)).toBe(60);
    expect(yAt(plot, 0, 50)).toBe(60);
    expect(yAt(plot, 50, 50)).toBe(10);
    expect(yAt(plot, 80, 50)).toBe(10);
  });

  it('draws a path through every value', () => {
    expect(linePath(plot, [0, 5, 10], 10)).toBe('M10 60 L60 35 L110 10');
  });
});
