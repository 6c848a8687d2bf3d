import { memo, useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { Seat } from '../api/types';
import { inkOn } from '../colors';
import { formatPrice } from '../format';
import { moveFocus, NAV_KEYS, SEAT_RADIUS, type Geometry, type NavKey } from '../state/geometry';

export interface SeatMapProps {
  geo: Geometry;
  seats: ReadonlyMap<number, Seat>;
  colors: Map<string, string>;
  /** A letter per grade, drawn in available seats (src/colors.ts gradeMarks). */
  marks?: Map<string, string>;
  selection: readonly number[];
  lost: readonly number[];
  focusedId: number | null;
  zoom: number;
  onToggle: (seatId: number) => void;
  onFocusSeat: (seatId: number) => void;
}

export function seatLabel(seat: Seat, selected: boolean, lost: boolean): string {
  const state = lost ? 'taken: you just lost this seat' : seat.status === 'RESERVED' ? 'taken' : selected ? 'selected' : 'available';
  return `${seat.zone}, row ${seat.row}, seat ${seat.number}, grade ${seat.grade}, ${formatPrice(seat.price)}, ${state}`;
}

/**
 * The seat map in SVG. One tab stop (roving tabindex): arrows move between seats, Page Up/Down
 * between zones, Enter or Space selects. Each seat's state is drawn as a shape as well as a colour
 * (✓ selected, × taken, ! lost) and spelled out in its accessible label.
 */
export function SeatMap(props: SeatMapProps) {
  const { geo, seats, colors, marks, selection, lost, focusedId, zoom, onToggle, onFocusSeat } = props;
  const svg = useRef<SVGSVGElement>(null);
  const selected = useMemo(() => new Set(selection), [selection]);
  const lostSet = useMemo(() => new Set(lost), [lost]);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current || focusedId === null) return;
    moved.current = false;
    const el = svg.current?.querySelector<SVGGElement>(`[data-seat-id="${focusedId}"]`);
    el?.focus();
    el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [focusedId]);

  const seatIdOf = (target: EventTarget): number | null => {
    const el = (target as Element).closest?.('[data-seat-id]');
    return el ? Number(el.getAttribute('data-seat-id')) : null;
  };

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const id = seatIdOf(e.target);
    if (id === null) return;
    onFocusSeat(id);
    onToggle(id);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const id = seatIdOf(e.target);
    if (id === null) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onToggle(id);
      return;
    }
    if (NAV_KEYS.has(e.key)) {
      e.preventDefault();
      const next = moveFocus(geo, id, e.key as NavKey);
      if (next !== null) {
        moved.current = true;
        onFocusSeat(next);
      }
    }
  };

  const tabStop = focusedId ?? geo.rows[0]?.seats[0]?.id ?? null;

  return (
    <svg
      ref={svg}
      className="seat-map"
      role="grid"
      aria-label="Seat map. Use the arrow keys to move between seats, Page Up and Page Down to change zone, Enter or Space to select."
      aria-multiselectable="true"
      viewBox={`0 0 ${geo.width} ${geo.height}`}
      width={geo.width * zoom}
      height={geo.height * zoom}
      onClick={onClick}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const id = seatIdOf(e.target);
        if (id !== null && id !== focusedId) onFocusSeat(id);
      }}
    >
      <g aria-hidden="true">
        <rect className="stage" x={geo.stage.x} y={geo.stage.y} width={geo.stage.width} height={geo.stage.height} rx={8} />
        <text className="stage-label" x={geo.stage.x + geo.stage.width / 2} y={geo.stage.y + geo.stage.height / 2 + 5}>
          STAGE
        </text>
      </g>
      {geo.zones.map((zone, zi) => {
        const end = geo.zones[zi + 1]?.firstRow ?? geo.rows.length;
        const rows = geo.rows.slice(zone.firstRow, end);
        return (
          <g key={zone.name} role="rowgroup" aria-label={`Zone ${zone.name}`}>
            <text className="zone-label" x={geo.width / 2} y={zone.titleY} aria-hidden="true">
              {zone.name}
            </text>
            {rows.map((row) => (
              <g key={row.label} role="row" aria-label={`${zone.name}, row ${row.label}`}>
                <text className="row-label" x={row.x0 - 10} y={row.y + 4} textAnchor="end" aria-hidden="true">
                  {row.label}
                </text>
                {row.seats.map((p) => {
                  const seat = seats.get(p.id);
                  if (!seat) return null;
                  return (
                    <SeatGlyph
                      key={p.id}
                      seat={seat}
                      x={p.x}
                      y={p.y}
                      color={colors.get(seat.grade) ?? '#777'}
                      mark={marks?.get(seat.grade)}
                      selected={selected.has(p.id)}
                      lost={lostSet.has(p.id)}
                      tabStop={p.id === tabStop}
                    />
                  );
                })}
                <text className="row-label" x={row.x1 + 10} y={row.y + 4} textAnchor="start" aria-hidden="true">
                  {row.label}
                </text>
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
}

interface GlyphProps {
  seat: Seat;
  x: number;
  y: number;
  color: string;
  mark?: string;
  selected: boolean;
  lost: boolean;
  tabStop: boolean;
}

const R = SEAT_RADIUS;

/** Taken seats: a light fill inside a ring of 4.8:1 on white, so they read as "empty", not as a colour. */
export const TAKEN_FILL = '#f4f4f5';

const SeatGlyph = memo(function SeatGlyph({ seat, x, y, color, mark, selected, lost: wasLost, tabStop }: GlyphProps) {
  const taken = seat.status !== 'AVAILABLE';
  const lost = wasLost && taken;
  const label = seatLabel(seat, selected, lost);
  const state = lost ? 'lost' : taken ? 'taken' : selected ? 'selected' : 'available';
  return (
    <g
      role="gridcell"
      className={`seat seat-${state}`}
      data-seat-id={seat.id}
      data-state={state}
      transform={`translate(${x} ${y})`}
      tabIndex={tabStop ? 0 : -1}
      aria-label={label}
      aria-selected={selected}
      aria-disabled={taken || undefined}
    >
      <title>{label}</title>
      <circle className="seat-dot" r={R} fill={taken ? TAKEN_FILL : selected ? '#111827' : color} />
      {!taken && !selected && mark && (
        <text className="seat-mark" y={3.5} fill={inkOn(color)} aria-hidden="true">
          {mark}
        </text>
      )}
      {selected && !taken && <path className="seat-check" d="M-4.2 0.2 L-1.2 3.2 L4.4 -3.2" />}
      {taken && <path className="seat-cross" d="M-3.6 -3.6 L3.6 3.6 M3.6 -3.6 L-3.6 3.6" />}
      {lost && <circle className="seat-lost-ring" r={R + 2.5} />}
      <circle className="seat-focus-ring" r={R + 3} />
    </g>
  );
});
