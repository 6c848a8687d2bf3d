import { payToll, type TollChallenge } from '../toll/payToll';
import type {
  ErrorBody,
  IssuedTicket,
  PerformanceDetails,
  PerformanceSummary,
  PollAnswer,
  QueueState,
  Reservation,
  Seat,
  SeatChange,
  SeatMapAnswer,
} from './types';

/** The server answered with an error status; `body` is its JSON error (or a stand-in). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly retryAfterMs: number | null;

  constructor(status: number, body: ErrorBody, retryAfterMs: number | null = null) {
    super(body.message ?? `${status} ${body.error}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.retryAfterMs = retryAfterMs;
  }

  get code(): string {
    return this.body.error;
  }
}

/** No answer: offline, DNS, connection reset, or our own time-out. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * Worth trying again after a pause: no answer, throttling, or a server-side hiccup (a 5xx: e.g. a
 * cold function that could not reach its store yet). Every request the SPA retries is safe to
 * repeat: polls read, a re-join presents the same ticket, and a reservation retry of the same seats
 * with the same session gets the first attempt's reservation back (200) if that one succeeded.
 */
export function isTransient(e: unknown): boolean {
  if (e instanceof NetworkError) return true;
  if (e instanceof ApiError) return e.status === 429 || e.status >= 500;
  return false;
}

type Fetch = typeof fetch;

export interface ApiOptions {
  fetch?: Fetch;
  baseUrl?: string;
  timeoutMs?: number;
}

export interface Call {
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** The browser cache's part: `no-store` (the default) for everything but public, cacheable reads. */
  cache?: RequestCache;
}

export class Api {
  private readonly fetchFn: Fetch;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: ApiOptions = {}) {
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.baseUrl = options.baseUrl ?? '';
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  listPerformances(): Promise<PerformanceSummary[]> {
    return this.json('/api/performances');
  }

  performance(id: number): Promise<PerformanceDetails> {
    return this.json(`/api/performances/${id}`);
  }

  /** A new ticket, or (with the token of a live one) the same ticket again. */
  /**
   * Joins (or, with the token of a live ticket, rejoins: never tolled). When the toll at the door is
   * on (428 proof_required), solves the challenge in a Web Worker and joins with the proof.
   */
  async issueTicket(performanceId: number, queueToken: string | null): Promise<IssuedTicket> {
    const path = `/api/performances/${performanceId}/queue`;
    try {
      return await this.json(path, { method: 'POST', token: queueToken, body: {} });
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 428) throw e;
    }
    const challenge = await this.json<TollChallenge>(`${path}/challenge`);
    const proof = await payToll(challenge);
    return this.json(path, { method: 'POST', token: queueToken, body: proof });
  }

  pollPosition(performanceId: number, queueToken: string): Promise<PollAnswer> {
    return this.json(`/api/performances/${performanceId}/queue`, { token: queueToken });
  }

  /**
   * The public progress of the queue: the same for everyone, cached for a second by the edge (and
   * by the browser: no `no-store` here, so the edge's copy is what most reads get).
   */
  queueState(performanceId: number): Promise<QueueState> {
    return this.json(`/api/performances/${performanceId}/queue/state`, { cache: 'default' });
  }

  /** Leave the queue, or end the ticketing session. */
  async leaveQueue(performanceId: number, queueToken: string): Promise<void> {
    await this.send(`/api/performances/${performanceId}/queue`, { method: 'DELETE', token: queueToken });
  }

  /** The whole map (`since` null) or the changes after `since`; `unchanged` on 304. */
  async seats(
    performanceId: number,
    accessToken: string,
    since: number | null,
    etag: string | null = null,
  ): Promise<SeatMapAnswer> {
    const path =
      since === null
        ? `/api/performances/${performanceId}/seats`
        : `/api/performances/${performanceId}/seats?since=${since}`;
    const headers: Record<string, string> = {};
    if (etag) headers['If-None-Match'] = etag;
    const response = await this.send(path, { token: accessToken, headers });
    if (response.status === 304) return { kind: 'unchanged' };
    const tag = response.headers.get('ETag');
    const body = (await readJson(response)) as { version: number; seats?: Seat[]; changes?: SeatChange[] };
    if (Array.isArray(body.seats)) {
      return { kind: 'full', version: body.version, seats: body.seats.map(normalizeSeat), etag: tag };
    }
    return { kind: 'changes', version: body.version, changes: body.changes ?? [], etag: tag };
  }

  reserve(performanceId: number, accessToken: string, seatIds: number[]): Promise<Reservation> {
    return this.json(`/api/performances/${performanceId}/reservations`, {
      method: 'POST',
      token: accessToken,
      body: { seatIds },
    });
  }

  /** Best available: the best `count` seats together (of `grade`, if given), held. */
  reserveBest(performanceId: number, accessToken: string, count: number, grade?: string): Promise<Reservation> {
    return this.json(`/api/performances/${performanceId}/reservations`, {
      method: 'POST',
      token: accessToken,
      body: grade ? { count, grade } : { count },
    });
  }

  confirmHold(performanceId: number, reservationId: string, holdToken: string, name: string, email: string): Promise<Reservation> {
    return this.json(`/api/performances/${performanceId}/reservations/${encodeURIComponent(reservationId)}/confirm`, {
      method: 'POST',
      token: holdToken,
      body: { name, email },
    });
  }

  async releaseHold(performanceId: number, reservationId: string, holdToken: string): Promise<void> {
    await this.send(`/api/performances/${performanceId}/reservations/${encodeURIComponent(reservationId)}`, {
      method: 'DELETE',
      token: holdToken,
    });
  }

  hold(performanceId: number, reservationId: string, holdToken: string): Promise<Reservation> {
    return this.json(`/api/performances/${performanceId}/reservations/${encodeURIComponent(reservationId)}`, {
      token: holdToken,
    });
  }

  /** One JSON call: also what the operator console's client (`src/operator/operatorApi.ts`) is built on. */
  async json<T>(path: string, call: Call = {}): Promise<T> {
    const response = await this.send(path, call);
    return (await readJson(response)) as T;
  }

  private async send(path: string, call: Call): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...call.headers };
    if (call.token) headers.Authorization = `Bearer ${call.token}`;
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method: call.method ?? 'GET',
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        // We handle 304s and freshness ourselves; the HTTP cache must not answer for the server.
        cache: call.cache ?? 'no-store',
        signal: controller.signal,
      });
    } catch (e) {
      throw new NetworkError(controller.signal.aborted ? 'The server took too long to answer.' : String(e));
    } finally {
      clearTimeout(timer);
    }
    if (response.status >= 400) {
      throw new ApiError(response.status, await errorBody(response), retryAfter(response));
    }
    return response;
  }
}

function normalizeSeat(s: Seat): Seat {
  return { ...s, price: Number(s.price), row: String(s.row) };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  try {
    return await response.json();
  } catch {
    throw new NetworkError('The answer was cut off.');
  }
}

async function errorBody(response: Response): Promise<ErrorBody> {
  try {
    const body = (await response.json()) as unknown;
    if (body && typeof body === 'object' && typeof (body as ErrorBody).error === 'string') return body as ErrorBody;
  } catch {
    // Not JSON: e.g. a proxy's HTML error page.
  }
  return { error: `http_${response.status}`, message: `The server answered ${response.status}.` };
}

function retryAfter(response: Response): number | null {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

export const api = new Api();
