import type { ZoneLayout } from './seatMap';

/** Where each seat is drawn, and the rows in reading order for keyboard moves. */
export interface SeatPoint {
  id: number;
  x: number;
  y: number;
}

export interface GeoRow {
  zoneIndex: number;
  label: string;
  y: number;
  /** Left and right ends of the row, for its labels. */
  x0: number;
  x1: number;
  seats: SeatPoint[];
}

export interface GeoZone {
  name: string;
  titleY: number;
  firstRow: number;
}

export interface Geometry {
  width: number;
  height: number;
  stage: { x: number; y: number; width: number; height: number };
  zones: GeoZone[];
  rows: GeoRow[];
  /** Seat id → [row index, seat index in that row]. */
  index: Map<number, [number, number]>;
}

export const PITCH = 24;
export const SEAT_RADIUS = 9;
const MARGIN = 44;
const STAGE_HEIGHT = 34;
const ZONE_TITLE = 30;
const ZONE_GAP = 22;

/**
 * Lays the zones out top to bottom (nearest the stage first), each row centred, seats at a fixed
 * pitch. Pure arithmetic: ~2,000 seats cost nothing to place.
 */
export function geometry(zones: ZoneLayout[]): Geometry {
  const widest = Math.max(1, ...zones.map((z) => z.maxSeatsPerRow)) * PITCH;
  const width = widest + 2 * MARGIN;
  const stage = { x: MARGIN + widest * 0.2, y: 12, width: widest * 0.6, height: STAGE_HEIGHT };
  let y = stage.y + stage.height + 18;
  const geoZones: GeoZone[] = [];
  const rows: GeoRow[] = [];
  const index = new Map<number, [number, number]>();
  zones.forEach((zone, zoneIndex) => {
    geoZones.push({ name: zone.name, titleY: y + 18, firstRow: rows.length });
    y += ZONE_TITLE;
    for (const row of zone.rows) {
      const rowWidth = row.seats.length * PITCH;
      const x0 = MARGIN + (widest - rowWidth) / 2;
      const cy = y + PITCH / 2;
      const seats = row.seats.map((seat, i) => ({ id: seat.id, x: x0 + i * PITCH + PITCH / 2, y: cy }));
      seats.forEach((s, i) => index.set(s.id, [rows.length, i]));
      rows.push({ zoneIndex, label: row.label, y: cy, x0, x1: x0 + rowWidth, seats });
      y += PITCH;
    }
    y += ZONE_GAP;
  });
  return { width, height: y, stage, zones: geoZones, rows, index };
}

export type NavKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export const NAV_KEYS: ReadonlySet<string> = new Set<NavKey>([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/**
 * The seat a key moves focus to: along the row, to the nearest seat of the row above/below
 * (crossing zones), to the row's ends, or to the previous/next zone. Null when it cannot move.
 */
export function moveFocus(geo: Geometry, seatId: number, key: NavKey): number | null {
  const at = geo.index.get(seatId);
  if (!at) return geo.rows[0]?.seats[0]?.id ?? null;
  const [r, c] = at;
  const row = geo.rows[r];
  if (!row) return null;
  const here = row.seats[c];
  if (!here) return null;
  const nearestIn = (rowIndex: number): number | null => {
    const target = geo.rows[rowIndex];
    if (!target || target.seats.length === 0) return null;
    let best = target.seats[0]!;
    for (const s of target.seats) if (Math.abs(s.x - here.x) < Math.abs(best.x - here.x)) best = s;
    return best.id;
  };
  switch (key) {
    case 'ArrowLeft':
      return row.seats[c - 1]?.id ?? null;
    case 'ArrowRight':
      return row.seats[c + 1]?.id ?? null;
    case 'Home':
      return c === 0 ? null : (row.seats[0]?.id ?? null);
    case 'End':
      return c === row.seats.length - 1 ? null : (row.seats[row.seats.length - 1]?.id ?? null);
    case 'ArrowUp':
      return nearestIn(r - 1);
    case 'ArrowDown':
      return nearestIn(r + 1);
    case 'PageUp': {
      const zone = geo.zones[row.zoneIndex - 1];
      return zone ? nearestIn(zone.firstRow) : null;
    }
    case 'PageDown': {
      const zone = geo.zones[row.zoneIndex + 1];
      return zone ? nearestIn(zone.firstRow) : null;
    }
  }
}
