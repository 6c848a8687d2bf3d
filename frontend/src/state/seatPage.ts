import type { Seat, SeatMapAnswer } from '../api/types';
import { mergeAnswer, markTaken, type SeatMapState } from './seatMap';
import { dropTaken, seatName, toggleSeat, MAX_SELECTED } from './selection';

export interface Notice {
  tone: 'info' | 'warning' | 'error' | 'success';
  text: string;
}

/** The seat page's state: the live map, the buyer's selection, and the seats they just lost. */
export interface SeatPageState {
  map: SeatMapState | null;
  selection: number[];
  /** Seats the buyer had selected (or asked for) that someone else took: highlighted. */
  lost: number[];
  notice: Notice | null;
}

export type SeatPageAction =
  | { type: 'answer'; answer: SeatMapAnswer }
  | { type: 'toggle'; seatId: number }
  | { type: 'unselect'; seatId: number }
  | { type: 'conflict'; seatIds: number[]; uncertain?: boolean }
  | { type: 'notice'; notice: Notice | null };

export const initialSeatPage: SeatPageState = { map: null, selection: [], lost: [], notice: null };

function names(ids: number[], seats: ReadonlyMap<number, Seat>): string {
  const list = ids.map((id) => {
    const s = seats.get(id);
    return s ? seatName(s) : `seat #${id}`;
  });
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join('; ')} and ${list[list.length - 1]}`;
}

export function seatPageReducer(state: SeatPageState, action: SeatPageAction): SeatPageState {
  switch (action.type) {
    case 'answer': {
      if (action.answer.kind === 'unchanged') return state;
      if (action.answer.kind === 'changes' && state.map === null) return state;
      const { state: map } = mergeAnswer(state.map, action.answer);
      if (map === state.map) return state;
      const { selection, lost } = dropTaken(state.selection, map.seats);
      if (lost.length === 0) return { ...state, map };
      const plural = lost.length > 1;
      return {
        ...state,
        map,
        selection,
        lost: [...new Set([...state.lost, ...lost])],
        notice: {
          tone: 'warning',
          text:
            `${names(lost, map.seats)} ${plural ? 'were' : 'was'} just taken by someone else ` +
            `and ${plural ? 'have' : 'has'} been removed from your selection.` +
            (selection.length > 0 ? ' Your other seats are still selected.' : ' Please pick another seat.'),
        },
      };
    }
    case 'toggle': {
      if (!state.map) return state;
      const result = toggleSeat(state.selection, action.seatId, state.map.seats);
      if (result.refused === 'limit') {
        return {
          ...state,
          notice: { tone: 'info', text: `You can choose up to ${MAX_SELECTED} seats. Unselect one to pick another.` },
        };
      }
      if (result.refused === 'taken') {
        const seat = state.map.seats.get(action.seatId);
        return {
          ...state,
          notice: { tone: 'info', text: `${seat ? seatName(seat) : 'That seat'} is already taken.` },
        };
      }
      if (result.refused) return state;
      const notice = state.notice?.tone === 'info' ? null : state.notice;
      const lost = state.lost.includes(action.seatId) ? state.lost.filter((id) => id !== action.seatId) : state.lost;
      return { ...state, selection: result.selection, notice, lost };
    }
    case 'unselect':
      return { ...state, selection: state.selection.filter((id) => id !== action.seatId) };
    case 'conflict': {
      if (!state.map) return state;
      const map = markTaken(state.map, action.seatIds);
      const lostNow = action.seatIds.filter((id) => state.selection.includes(id));
      const selection = state.selection.filter((id) => !action.seatIds.includes(id));
      const plural = lostNow.length > 1;
      const text = action.uncertain
        ? `The connection dropped while we reserved, and ${names(lostNow, map.seats)} ${plural ? 'are' : 'is'} now taken. ` +
          'If the reservation went through, it will not show here; check with the box office before paying twice.'
        : `Sorry — ${names(lostNow, map.seats)} ${plural ? 'were' : 'was'} taken a moment before you.` +
          (selection.length > 0
            ? ' Your other seats are still selected: reserve them, or pick another seat first.'
            : ' Please pick another seat.');
      return {
        map,
        selection,
        lost: [...new Set([...state.lost, ...action.seatIds])],
        notice: { tone: 'error', text },
      };
    }
    case 'notice':
      return { ...state, notice: action.notice };
  }
}
