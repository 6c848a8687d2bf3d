/** The shapes of the API's bodies (docs/api.md). */

export interface PerformanceSummary {
  id: number;
  name: string;
  venue: string;
  startsAt: string;
  saleOpensAt: string;
  saleClosesAt: string;
  seatCount: number;
  availableCount: number;
}

export interface ZoneSummary {
  name: string;
  seatCount: number;
  availableCount: number;
  grades: string[];
}

export interface GradeSummary {
  name: string;
  price: number;
  seatCount: number;
  availableCount: number;
}

export interface PerformanceDetails extends PerformanceSummary {
  zones: ZoneSummary[];
  grades: GradeSummary[];
}

export type TicketStatus = 'WAITING' | 'ADMITTED';

/** issue-ticket: `POST /api/performances/{id}/queue`. */
export interface IssuedTicket {
  queueToken: string;
  ticketNumber: number;
  status: TicketStatus;
  position?: number | null;
  retentionSeconds?: number;
}

/** poll-position: `GET /api/performances/{id}/queue`. */
export type PollAnswer =
  | {
      status: 'WAITING';
      position?: number | null;
      estimatedWaitSeconds?: number | null;
      admittedPerMinute?: number | null;
      /** Before the sale opens: when it opens (no position yet). */
      saleOpensAt?: string | null;
      opensAt?: string | null;
      ticketNumber?: number;
      retentionSeconds?: number;
    }
  | {
      status: 'ADMITTED';
      accessToken: string;
      sessionExpiresAt: string;
      ticketNumber?: number;
    };

export type SeatStatus = 'AVAILABLE' | 'RESERVED';

export interface Seat {
  id: number;
  zone: string;
  row: string;
  number: number;
  grade: string;
  price: number;
  status: SeatStatus;
}

export interface SeatChange {
  id: number;
  status: SeatStatus;
}

/** list-seats: the whole map, or the changes since a version. */
export type SeatMapAnswer =
  | { kind: 'full'; version: number; seats: Seat[]; etag?: string | null }
  | { kind: 'changes'; version: number; changes: SeatChange[]; etag?: string | null }
  | { kind: 'unchanged' };

/** reserve-seat: `201`. */
export interface Reservation {
  reservationId: string;
  performanceId: number;
  seats: Array<Omit<Seat, 'status'> & { status?: SeatStatus }>;
  total: number;
  reservedAt: string;
}

/** Every error body: `{"error": code, "message": text, ...extra}`. */
export interface ErrorBody {
  error: string;
  message?: string;
  seatIds?: number[];
  version?: number;
  [extra: string]: unknown;
}
