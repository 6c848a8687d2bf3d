/** The geometry of the console's line chart, free of React (chart.test.ts). */

/** The smallest "round" number (1, 2 or 5 × 10^k) at or above `n`; at least 1. */
export function niceCeiling(n: number): number {
  if (!(n > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= n) return step * magnitude;
  }
  return 10 * magnitude;
}

export interface Plot {
  width: number;
  height: number;
  /** Room around the plot (axis labels). */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The x of point `i` of `count`, spread across the plot (one point: in the middle). */
export function xAt(plot: Plot, i: number, count: number): number {
  const w = plot.width - plot.left - plot.right;
  return count <= 1 ? plot.left + w / 2 : plot.left + (w * i) / (count - 1);
}

/** The y of `value` on a scale from 0 (bottom) to `max` (top); values are clamped to the plot. */
export function yAt(plot: Plot, value: number, max: number): number {
  const h = plot.height - plot.top - plot.bottom;
  const v = Math.min(Math.max(value, 0), max);
  return plot.top + h - (h * v) / max;
}

/** An SVG path through the values ("M x y L x y …"), rounded to tenths of a pixel. */
export function linePath(plot: Plot, values: number[], max: number): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${r(xAt(plot, i, values.length))} ${r(yAt(plot, v, max))}`).join(' ');
}

/** "16:04" for the minute's ISO time, in the operator's time zone. */
export function minuteLabel(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
