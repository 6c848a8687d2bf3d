import type { PerformanceSummary } from './api/types';
import { formatClock, formatDateTime } from './format';

export type SaleState =
  | { kind: 'upcoming'; opensInMs: number; label: string }
  | { kind: 'open'; label: string }
  | { kind: 'soldOut'; label: string }
  | { kind: 'ended'; label: string };

export function saleState(p: PerformanceSummary, now: number): SaleState {
  const opens = Date.parse(p.saleOpensAt);
  const closes = Date.parse(p.saleClosesAt);
  if (now >= closes) return { kind: 'ended', label: 'Sale ended' };
  if (now < opens) {
    return { kind: 'upcoming', opensInMs: opens - now, label: `Sale opens in ${formatClock(opens - now)} (${formatDateTime(p.saleOpensAt)})` };
  }
  if (p.availableCount === 0) return { kind: 'soldOut', label: 'Sold out' };
  return { kind: 'open', label: 'On sale now' };
}
