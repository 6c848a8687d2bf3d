import type { Seat } from '../api/types';

/** Seats one buyer may hold (the server's MAX_SEATS_PER_HOLDER default). */
export const MAX_SELECTED = 4;

export type SelectRefusal = 'taken' | 'limit' | 'unknown';

export interface SelectResult {
  selection: number[];
  refused: SelectRefusal | null;
}

/**
 * Clicking a seat: selects it, or unselects it if selected. A taken seat, an unknown one, or a
 * fifth seat is refused and the selection stays as it was.
 */
export function toggleSeat(
  selection: readonly number[],
  seatId: number,
  seats: ReadonlyMap<number, Seat>,
  max: number = MAX_SELECTED,
): SelectResult {
  if (selection.includes(seatId)) return { selection: selection.filter((id) => id !== seatId), refused: null };
  const seat = seats.get(seatId);
  if (!seat) return { selection: [...selection], refused: 'unknown' };
  if (seat.status !== 'AVAILABLE') return { selection: [...selection], refused: 'taken' };
  if (selection.length >= max) return { selection: [...selection], refused: 'limit' };
  return { selection: [...selection, seatId], refused: null };
}

/** Drops the selected seats the map now shows taken (by someone else), and names them. */
export function dropTaken(
  selection: readonly number[],
  seats: ReadonlyMap<number, Seat>,
): { selection: number[]; lost: number[] } {
  const kept: number[] = [];
  const lost: number[] = [];
  for (const id of selection) {
    const seat = seats.get(id);
    if (seat && seat.status === 'AVAILABLE') kept.push(id);
    else lost.push(id);
  }
  return { selection: lost.length === 0 ? [...selection] : kept, lost };
}

export function selectionTotal(selection: readonly number[], seats: ReadonlyMap<number, Seat>): number {
  let cents = 0;
  for (const id of selection) cents += Math.round((seats.get(id)?.price ?? 0) * 100);
  return cents / 100;
}

export function seatName(seat: Pick<Seat, 'zone' | 'row' | 'number'>): string {
  return `${seat.zone}, row ${seat.row}, seat ${seat.number}`;
}
