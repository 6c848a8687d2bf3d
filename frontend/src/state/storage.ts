import type { PollAnswer, Reservation } from '../api/types';

/**
 * What the SPA keeps in localStorage, per performance: the queue ticket (so a reload or a second
 * tab continues the same ticket), the ticketing session, and the buyer's reservations.
 */
export interface StoredTicket {
  queueToken: string;
  ticketNumber: number;
  /** The first position seen: the start of the progress bar. */
  firstPosition: number | null;
  joinedAt: string;
  /** The last answer about the ticket and when it came (epoch ms): shown at once after a reload. */
  lastAnswer?: PollAnswer | null;
  answeredAt?: number | null;
  /** When the server said to poll next (epoch ms); shared by every tab of the buyer. */
  nextPollAt?: number | null;
  /**
   * The sale is on hold for this ticket (a `PAUSED` or `SOLD_OUT` poll, or the public state saying
   * so): `lastAnswer` stays the last `WAITING` one, so the place is still shown and read against the state.
   */
  saleHold?: SaleHold | null;
}

/** Why a waiting ticket makes no progress: an operator's pause, or nothing left (the returns list). */
export type SaleHold = 'PAUSED' | 'SOLD_OUT';

export interface StoredSession {
  accessToken: string;
  sessionExpiresAt: string;
}

export interface StoredReservation extends Reservation {
  performanceName?: string;
}

const PREFIX = 'ticketing.';

export const keys = {
  ticket: (performanceId: number) => `${PREFIX}queue.${performanceId}`,
  session: (performanceId: number) => `${PREFIX}session.${performanceId}`,
  reservations: (performanceId: number) => `${PREFIX}reservations.${performanceId}`,
};

function read<T>(storage: Storage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the page still works, it just forgets on reload.
  }
}

function browserStorage(): Storage {
  return globalThis.localStorage;
}

export class TicketStore {
  private readonly storage: () => Storage;
  constructor(storage: () => Storage = browserStorage) {
    this.storage = storage;
  }

  load(performanceId: number): StoredTicket | null {
    const t = read<StoredTicket>(this.storage(), keys.ticket(performanceId));
    return t && typeof t.queueToken === 'string' ? t : null;
  }

  save(performanceId: number, ticket: StoredTicket): void {
    write(this.storage(), keys.ticket(performanceId), ticket);
  }

  clear(performanceId: number): void {
    this.storage().removeItem(keys.ticket(performanceId));
  }
}

export class SessionStore {
  private readonly storage: () => Storage;
  constructor(storage: () => Storage = browserStorage) {
    this.storage = storage;
  }

  load(performanceId: number): StoredSession | null {
    const s = read<StoredSession>(this.storage(), keys.session(performanceId));
    return s && typeof s.accessToken === 'string' ? s : null;
  }

  save(performanceId: number, session: StoredSession): void {
    write(this.storage(), keys.session(performanceId), session);
  }

  clear(performanceId: number): void {
    this.storage().removeItem(keys.session(performanceId));
  }
}

export class ReservationStore {
  private readonly storage: () => Storage;
  constructor(storage: () => Storage = browserStorage) {
    this.storage = storage;
  }

  list(performanceId: number): StoredReservation[] {
    const list = read<StoredReservation[]>(this.storage(), keys.reservations(performanceId));
    return Array.isArray(list) ? list : [];
  }

  find(performanceId: number, reservationId: string): StoredReservation | null {
    return this.list(performanceId).find((r) => r.reservationId === reservationId) ?? null;
  }

  /** Adds a reservation once (a retry that returns the same one does not duplicate it). */
  add(reservation: StoredReservation): void {
    const list = this.list(reservation.performanceId).filter((r) => r.reservationId !== reservation.reservationId);
    list.push(reservation);
    write(this.storage(), keys.reservations(reservation.performanceId), list);
  }

  /** Updates a stored reservation with what the server now says (a confirmation, a release). */
  update(performanceId: number, reservationId: string, patch: Partial<StoredReservation>): void {
    const list = this.list(performanceId).map((r) => (r.reservationId === reservationId ? { ...r, ...patch } : r));
    write(this.storage(), keys.reservations(performanceId), list);
  }

  /** Every performance's reservations, newest first. */
  all(): StoredReservation[] {
    const storage = this.storage();
    const out: StoredReservation[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key && key.startsWith(`${PREFIX}reservations.`)) {
        const list = read<StoredReservation[]>(storage, key);
        if (Array.isArray(list)) out.push(...list);
      }
    }
    return out.sort((a, b) => b.reservedAt.localeCompare(a.reservedAt));
  }
}

export const tickets = new TicketStore();
export const sessions = new SessionStore();
export const reservations = new ReservationStore();

/** A Storage in memory: for tests, and as a stand-in where localStorage is unavailable. */
export class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.data.clear();
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    this.data.set(key, String(value));
  }
}
