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
  /** While waiting: from the measured admission rate, else from the configured one. */
  estimatedWaitSeconds?: number | null;
  retentionSeconds?: number;
  saleOpensAt?: string | null;
  /** When to poll (a poll sooner is answered 429); absent from servers before the cadence. */
  pollAfterSeconds?: number;
  /** After the opening: the ticket's place in the order, to compare with `nowServing`. */
  orderKey?: number | null;
  /** The calls made so far, to count the calls since against the public state. */
  calls?: number | null;
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
      pollAfterSeconds?: number;
      orderKey?: number | null;
      calls?: number | null;
    }
  | {
      status: 'ADMITTED';
      accessToken: string;
      sessionExpiresAt: string;
      ticketNumber?: number;
      pollAfterSeconds?: number;
      /** On the poll that claimed the call: when the call was made. */
      calledAt?: string | null;
    }
  | {
      /** `PAUSED`: an operator paused the sale (the place is kept); `SOLD_OUT`: on the returns list. */
      status: 'PAUSED' | 'SOLD_OUT';
      ticketNumber?: number;
      retentionSeconds?: number;
      pollAfterSeconds?: number;
    };

/** The public queue state: `GET /api/performances/{id}/queue/state` (no token, cached 1 s). */
export interface QueueState {
  performanceId: number;
  /** `BEFORE_OPENING`, `OPEN`, `PAUSED`, `SOLD_OUT`, `CLOSED`; more may come: anything else means "not open". */
  sale: string;
  saleOpensAt?: string;
  /** The largest order key called so far; absent before the first call. */
  nowServing?: number | null;
  /** The calls made so far. */
  calls: number;
  admittedPerMinute?: number | null;
  waiting: number;
  computedAt: string;
}

/** `HELD`: another buyer is checking out (it may come back); `RESERVED`: sold. */
export type SeatStatus = 'AVAILABLE' | 'HELD' | 'RESERVED';

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

export type ReservationStatus = 'HELD' | 'CONFIRMED' | 'RELEASED' | 'EXPIRED';

/** One confirmed seat's ticket: its signed code, and the same as a QR code (an SVG data URL). */
export interface Ticket {
  seatId: number;
  code: string;
  qrCode: string;
}

/** reserve-seat: `201` (a hold), and the hold's own routes (confirm, read). */
export interface Reservation {
  reservationId: string;
  performanceId: number;
  seats: Array<Omit<Seat, 'status'> & { status?: SeatStatus }>;
  total: number;
  reservedAt: string;
  status?: ReservationStatus;
  expiresAt?: string | null;
  /** Confirms, releases or reads this hold (in the hold's answer). */
  holdToken?: string | null;
  tickets?: Ticket[] | null;
}

/** Every error body: `{"error": code, "message": text, ...extra}`. */
export interface ErrorBody {
  error: string;
  message?: string;
  seatIds?: number[];
  version?: number;
  [extra: string]: unknown;
}
