import { linePath, minuteLabel, niceCeiling, xAt, yAt, type Plot } from './chart';
import { fmt } from './actions';
import type { ConsoleMinute } from './types';

const PLOT: Plot = { width: 640, height: 220, left: 44, right: 56, top: 14, bottom: 30 };

/** Each line has its own colour and its own dash, so the legend holds without colour. */
const LINES = [
  { key: 'admissions', label: 'Admissions / min', color: '#4338ca', dash: undefined, axis: 'left' },
  { key: 'reservations', label: 'Reservations / min', color: '#15803d', dash: '7 4', axis: 'left' },
  { key: 'waiting', label: 'Waiting (right scale)', color: '#b45309', dash: '2 3', axis: 'right' },
] as const;

/** The last 10 minutes: admissions and reservations per minute (left scale), waiting (right scale). */
export function LineChart(props: { series: ConsoleMinute[] }) {
  const { series } = props;
  if (series.length === 0) return <p className="muted">No minute has been counted yet.</p>;
  const leftMax = niceCeiling(Math.max(...series.map((m) => Math.max(m.admissions, m.reservations))));
  const rightMax = niceCeiling(Math.max(...series.map((m) => m.waiting)));
  const bottom = PLOT.height - PLOT.bottom;
  const last = series[series.length - 1]!;
  const summary =
    `Over the last ${series.length} minutes: admissions per minute from ${fmt(series[0]!.admissions)} to ${fmt(last.admissions)}, ` +
    `reservations per minute from ${fmt(series[0]!.reservations)} to ${fmt(last.reservations)}, ` +
    `waiting from ${fmt(series[0]!.waiting)} to ${fmt(last.waiting)}.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${PLOT.width} ${PLOT.height}`} role="img" aria-labelledby="chart-title chart-desc" data-testid="chart">
        <title id="chart-title">The last 10 minutes</title>
        <desc id="chart-desc">{summary}</desc>
        {[0, 0.5, 1].map((f) => {
          const y = yAt(PLOT, f * leftMax, leftMax);
          return (
            <g key={f} className="chart-grid">
              <line x1={PLOT.left} x2={PLOT.width - PLOT.right} y1={y} y2={y} />
              <text x={PLOT.left - 6} y={y + 4} textAnchor="end">
                {fmt(f * leftMax)}
              </text>
              <text x={PLOT.width - PLOT.right + 6} y={y + 4} textAnchor="start">
                {fmt(f * rightMax)}
              </text>
            </g>
          );
        })}
        <g className="chart-grid">
          <text x={xAt(PLOT, 0, series.length)} y={bottom + 20} textAnchor="start">
            {minuteLabel(series[0]!.minute)}
          </text>
          <text x={xAt(PLOT, series.length - 1, series.length)} y={bottom + 20} textAnchor="end">
            {minuteLabel(last.minute)}
          </text>
        </g>
        {LINES.map((l) => (
          <path
            key={l.key}
            d={linePath(PLOT, series.map((m) => m[l.key]), l.axis === 'left' ? leftMax : rightMax)}
            fill="none"
            stroke={l.color}
            strokeWidth={2.5}
            strokeDasharray={l.dash}
            strokeLinejoin="round"
            strokeLinecap="round"
            data-line={l.key}
          />
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {LINES.map((l) => (
            <li key={l.key}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="1" x2="27" y1="5" y2="5" stroke={l.color} strokeWidth={2.5} strokeDasharray={l.dash} />
              </svg>
              {l.label}
            </li>
          ))}
        </ul>
        <details>
          <summary>The figures as a table</summary>
          <table className="table small">
            <thead>
              <tr>
                <th scope="col">Minute</th>
                <th scope="col">Admissions</th>
                <th scope="col">Reservations</th>
                <th scope="col">409s</th>
                <th scope="col">5xx</th>
                <th scope="col">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {series.map((m) => (
                <tr key={m.minute}>
                  <th scope="row">{minuteLabel(m.minute)}</th>
                  <td>{fmt(m.admissions)}</td>
                  <td>{fmt(m.reservations)}</td>
                  <td>{fmt(m.conflicts)}</td>
                  <td>{fmt(m.serverErrors)}</td>
                  <td>{fmt(m.waiting)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
