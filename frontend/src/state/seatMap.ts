import type { Seat, SeatChange, SeatMapAnswer } from '../api/types';

/** The live seat map as this buyer knows it: seats by id and the version they reflect. */
export interface SeatMapState {
  version: number;
  seats: ReadonlyMap<number, Seat>;
}

export interface MergeResult {
  state: SeatMapState;
  /** Seats that went from AVAILABLE to RESERVED with this answer. */
  newlyTaken: number[];
}

/**
 * Folds one list-seats answer into the map. A full answer replaces it; changes are applied on top;
 * an answer older than what we have (an out-of-order response) is ignored. Unchanged seats keep
 * their object identity, so only changed seats re-render.
 */
export function mergeAnswer(state: SeatMapState | null, answer: SeatMapAnswer): MergeResult {
  if (answer.kind === 'unchanged') return { state: state ?? { version: 0, seats: new Map() }, newlyTaken: [] };
  if (answer.kind === 'full') return applyFull(state, answer.version, answer.seats);
  if (state === null) throw new Error('changes need a map to apply to');
  return applyChanges(state, answer.version, answer.changes);
}

export function applyFull(state: SeatMapState | null, version: number, seats: Seat[]): MergeResult {
  if (state !== null && version < state.version) return { state, newlyTaken: [] };
  const next = new Map<number, Seat>();
  const newlyTaken: number[] = [];
  for (const seat of seats) {
    const before = state?.seats.get(seat.id);
    if (before && before.status === seat.status) {
      next.set(seat.id, before);
    } else {
      next.set(seat.id, seat);
      if (before && before.status === 'AVAILABLE' && seat.status === 'RESERVED') newlyTaken.push(seat.id);
    }
  }
  return { state: { version, seats: next }, newlyTaken };
}

export function applyChanges(state: SeatMapState, version: number, changes: SeatChange[]): MergeResult {
  if (version <= state.version) return { state, newlyTaken: [] };
  let seats: Map<number, Seat> | null = null;
  const newlyTaken: number[] = [];
  for (const change of changes) {
    const current = (seats ?? state.seats).get(change.id);
    if (!current || current.status === change.status) continue;
    seats ??= new Map(state.seats);
    seats.set(change.id, { ...current, status: change.status });
    if (change.status === 'RESERVED') newlyTaken.push(change.id);
  }
  return { state: { version, seats: seats ?? state.seats }, newlyTaken };
}

/** Marks seats taken that a 409 named, before the next poll confirms it (the version is kept). */
export function markTaken(state: SeatMapState, seatIds: number[]): SeatMapState {
  const seats = new Map(state.seats);
  let changed = false;
  for (const id of seatIds) {
    const seat = seats.get(id);
    if (seat && seat.status !== 'RESERVED') {
      seats.set(id, { ...seat, status: 'RESERVED' });
      changed = true;
    }
  }
  return changed ? { version: state.version, seats } : state;
}

export function availableCount(state: SeatMapState): number {
  let n = 0;
  for (const seat of state.seats.values()) if (seat.status === 'AVAILABLE') n++;
  return n;
}

/** A zone's rows in drawing order, each row's seats by number. */
export interface ZoneLayout {
  name: string;
  rows: Array<{ label: string; seats: Seat[] }>;
  maxSeatsPerRow: number;
}

/**
 * Zones in the order their first seat appears (the layout's order: nearest the stage first), rows
 * in numeric order where they are numbers.
 */
export function layoutOf(seats: Iterable<Seat>): ZoneLayout[] {
  const zones = new Map<string, Map<string, Seat[]>>();
  const ordered = [...seats].sort((a, b) => a.id - b.id);
  for (const seat of ordered) {
    let rows = zones.get(seat.zone);
    if (!rows) {
      rows = new Map();
      zones.set(seat.zone, rows);
    }
    const row = rows.get(seat.row);
    if (row) row.push(seat);
    else rows.set(seat.row, [seat]);
  }
  return [...zones.entries()].map(([name, rows]) => {
    const sorted = [...rows.entries()]
      .sort(([a], [b]) => compareRowLabels(a, b))
      .map(([label, list]) => ({ label, seats: list.sort((x, y) => x.number - y.number) }));
    return { name, rows: sorted, maxSeatsPerRow: Math.max(0, ...sorted.map((r) => r.seats.length)) };
  });
}

function compareRowLabels(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.localeCompare(b, undefined, { numeric: true });
}
