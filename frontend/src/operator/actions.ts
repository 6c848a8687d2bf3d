import type { ActionName, ConsoleSnapshot, OperatorAction, SaleStateName } from './types';

/** The capacity's bounds, as the server checks them (QueueControl.MAX_CAPACITY). */
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 100_000;

export const SALE_LABELS: Record<SaleStateName, string> = {
  NOT_OPEN: 'Not open yet',
  OPEN: 'On sale',
  PAUSED: 'Paused',
  SOLD_OUT: 'Sold out',
  CLOSED: 'Closed',
};

/** What a confirmation dialog says before an action is sent. */
export interface Confirmation {
  action: OperatorAction;
  title: string;
  /** What will happen, in a sentence or two. */
  effect: string;
  /** The figure the action changes: its name, the current value and the new one. */
  change: { label: string; current: string; next: string };
  confirmLabel: string;
  /** A change that cannot be taken back from the console. */
  destructive: boolean;
}

export function confirmationFor(action: OperatorAction, state: ConsoleSnapshot): Confirmation {
  const sale = (s: SaleStateName) => `${SALE_LABELS[s]} (${s})`;
  switch (action.action) {
    case 'pause':
      return {
        action,
        title: 'Pause the sale?',
        effect:
          'Nobody is admitted while the sale is paused. Waiting buyers keep their places however long the pause lasts (their page says the sale is paused), buyers choosing seats keep the time they had left, and reservations are refused until you resume.',
        change: { label: 'Sale state', current: sale(state.saleState), next: sale('PAUSED') },
        confirmLabel: 'Pause the sale',
        destructive: false,
      };
    case 'resume':
      return {
        action,
        title: 'Resume the sale?',
        effect: 'Admission continues in ticket order at the next tick, and every clock stopped by the pause starts again where it stopped.',
        change: { label: 'Sale state', current: sale(state.saleState), next: sale('OPEN') },
        confirmLabel: 'Resume the sale',
        destructive: false,
      };
    case 'close':
      return {
        action,
        title: 'Close the sale for good?',
        effect:
          'Nobody else is admitted or can reserve, and every waiting buyer is told the sale has ended. This cannot be undone from the console.',
        change: { label: 'Sale state', current: sale(state.saleState), next: sale('CLOSED') },
        confirmLabel: 'Close the sale',
        destructive: true,
      };
    case 'set-capacity': {
      const lower = action.capacity < state.capacity;
      return {
        action,
        title: 'Change the capacity?',
        effect: lower
          ? `At most ${fmt(action.capacity)} buyers may choose seats at once. Nobody is called until fewer than that are in; nobody in a session is sent out.`
          : `At most ${fmt(action.capacity)} buyers may choose seats at once; the queue calls more buyers at the next tick.`,
        change: { label: 'Capacity', current: fmt(state.capacity), next: fmt(action.capacity) },
        confirmLabel: 'Set the capacity',
        destructive: false,
      };
    }
  }
}

/** Which actions make sense in this sale state (the server decides in the end). */
export function allowedActions(state: SaleStateName): Set<ActionName> {
  switch (state) {
    case 'PAUSED':
      return new Set(['resume', 'close', 'set-capacity']);
    case 'CLOSED':
      return new Set();
    default:
      return new Set(['pause', 'close', 'set-capacity']);
  }
}

/** The capacity field: a whole number within the server's bounds, else what is wrong with it. */
export function parseCapacity(text: string): { ok: true; capacity: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: 'Enter a whole number of buyers.' };
  const capacity = Number(trimmed);
  if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
    return { ok: false, message: `Enter a capacity from ${fmt(MIN_CAPACITY)} to ${fmt(MAX_CAPACITY)}.` };
  }
  return { ok: true, capacity };
}

/** An audit entry's or an answer's before/after: a state, a number, or a small object of them. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return fmt(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(', ');
  }
  return String(value);
}

export function fmt(n: number): string {
  return n.toLocaleString('en-GB');
}

/** 0.125 → "12.5 %"; the share of the last minute's reservation attempts that met a 409. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const percent = share * 100;
  return `${percent >= 10 || percent === 0 ? Math.round(percent) : percent.toFixed(1)} %`;
}

/** "6 Dec, 16:04:05": an audit entry's or an answer's time, to the second. */
export function formatStamp(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const FIELD_NAMES: Record<string, string> = { saleState: 'sale state', capacity: 'capacity' };

/**
 * Before → after, told briefly: for two objects (an action's answer) only the fields that changed
 * ("sale state OPEN → PAUSED"), else the two values ("paused → running").
 */
export function formatChange(before: unknown, after: unknown): string {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => formatValue(before[k]) !== formatValue(after[k]));
    if (changed.length === 0) return `no change (${formatValue(after)})`;
    return changed.map((k) => `${FIELD_NAMES[k] ?? k} ${formatValue(before[k])} → ${formatValue(after[k])}`).join('; ');
  }
  return `${formatValue(before)} → ${formatValue(after)}`;
}
