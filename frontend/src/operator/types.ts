/** The operator routes' bodies (docs/api.md, "Operator console"). */

export type SaleStateName = 'NOT_OPEN' | 'OPEN' | 'PAUSED' | 'SOLD_OUT' | 'CLOSED';

/** `POST /api/operator/login`. */
export interface OperatorLogin {
  token: string;
  operator: string;
  expiresAt: string;
}

/** One minute of the console's series (oldest first, the last 10 minutes). */
export interface ConsoleMinute {
  minute: string;
  admissions: number;
  reservations: number;
  conflicts: number;
  serverErrors: number;
  waiting: number;
}

/** `GET /api/operator/performances/{id}/console`. */
export interface ConsoleSnapshot {
  performanceId: number;
  saleState: SaleStateName;
  capacity: number;
  waiting: number;
  called: number;
  inSession: number;
  seats: { available: number; held: number; sold: number };
  lastMinute: {
    admissions: number;
    reservations: number;
    conflicts: number;
    /** Conflicts (409) as a share of the minute's reservation attempts, 0 to 1. */
    conflictShare: number;
    serverErrors: number;
  };
  series: ConsoleMinute[];
  joinDifficulty: number;
  asOf: string;
}

export type OperatorAction =
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'close' }
  | { action: 'set-capacity'; capacity: number };

export type ActionName = OperatorAction['action'];

/** `POST /api/operator/performances/{id}/actions`. */
export interface ActionResult {
  action: ActionName;
  before: unknown;
  after: unknown;
  audit: { id: number | string; at: string; operator: string };
}

/** One line of `GET /api/operator/performances/{id}/audit` (newest first). */
export interface AuditEntry {
  id: number | string;
  at: string;
  operator: string;
  action: string;
  before: unknown;
  after: unknown;
}
