import { ApiError } from '../api/client';
import { describe, expect, it } from 'vitest';
import type { Reservation } from '../api/types';
import { apiError, offline, script } from '../test/fakes';
import { DEFAULT_BACKOFF } from './backoff';
import { reserveWithRetry, SingleFlight } from './reserve';

const reservation: Reservation = {
  reservationId: 'r-1',
  performanceId: 1,
  seats: [],
  total: 360,
  reservedAt: '2030-01-01T00:00:00Z',
};

function run(steps: Array<Reservation | Error>, maxAttempts = 5) {
  const { fn, calls } = script<[number, string, number[]], Reservation>(steps);
  const waits: number[] = [];
  const outcome = reserveWithRetry({ reserve: fn }, 1, 'acc', [10, 11], {
    maxAttempts,
    backoff: { ...DEFAULT_BACKOFF, jitter: 0 },
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  return { outcome, calls, waits };
}

describe('reserveWithRetry', () => {
  it('reserves on the first answer', async () => {
    const { outcome, calls } = run([reservation]);
    expect(await outcome).toEqual({ kind: 'reserved', reservation });
    expect(calls).toHaveLength(1);
  });

  it('retries network errors with backoff, always with the same seats and session', async () => {
    const { outcome, calls, waits } = run([offline(), apiError(503, 'unavailable'), reservation]);
    expect(await outcome).toEqual({ kind: 'reserved', reservation });
    expect(waits).toEqual([1000, 2000]);
    expect(calls).toEqual([
      [1, 'acc', [10, 11]],
      [1, 'acc', [10, 11]],
      [1, 'acc', [10, 11]],
    ]);
  });

  it('gives up after the last attempt and keeps the selection for another try', async () => {
    const { outcome, calls } = run([offline()], 3);
    expect((await outcome).kind).toBe('failed');
    expect(calls).toHaveLength(3);
  });

  it('a 409 names the lost seats and is never retried', async () => {
    const { outcome, calls } = run([apiError(409, 'seat_unavailable', { seatIds: [11], version: 12 })]);
    expect(await outcome).toEqual({ kind: 'conflict', lostSeatIds: [11], version: 12, uncertain: false });
    expect(calls).toHaveLength(1);
  });

  it('401 and 403 end the session', async () => {
    expect(await run([apiError(403, 'session_ended')]).outcome).toMatchObject({
      kind: 'sessionEnded',
      status: 403,
      code: 'session_ended',
      uncertain: false,
    });
    expect((await run([apiError(401, 'unauthorized')]).outcome).kind).toBe('sessionEnded');
  });

  it('flags a refusal after a lost answer as uncertain: the lost answer may have been our success', async () => {
    expect(await run([offline(), apiError(403, 'session_ended')]).outcome).toMatchObject({
      kind: 'sessionEnded',
      uncertain: true,
    });
    expect(await run([offline(), apiError(409, 'seat_unavailable', { seatIds: [10, 11] })]).outcome).toMatchObject({
      kind: 'conflict',
      uncertain: true,
    });
    expect(await run([offline(), apiError(409, 'seat_unavailable', { seatIds: [11] })]).outcome).toMatchObject({
      kind: 'conflict',
      uncertain: false,
    });
  });

  it('a paused sale (503 sale_paused) is not retried: the outcome carries the Retry-After', async () => {
    const pausedError = new ApiError(503, { error: 'sale_paused', message: 'paused' }, 30_000);
    const { outcome, calls } = run([pausedError, reservation]);
    expect(await outcome).toEqual({ kind: 'paused', retryAfterMs: 30_000 });
    expect(calls).toHaveLength(1);
    expect((await run([apiError(503, 'sale_paused')]).outcome)).toEqual({ kind: 'paused', retryAfterMs: 30_000 });
  });

  it('maps 422 and 400 to their messages', async () => {
    expect((await run([apiError(422, 'limit_exceeded')]).outcome).kind).toBe('limit');
    expect((await run([apiError(400, 'invalid_body')]).outcome).kind).toBe('invalid');
  });
});

describe('SingleFlight', () => {
  it('a second submit while one is in flight gets the same result and sends nothing', async () => {
    const flight = new SingleFlight<string>();
    let sent = 0;
    let release!: (v: string) => void;
    const task = () => {
      sent++;
      return new Promise<string>((r) => (release = r));
    };
    const a = flight.run(task);
    const b = flight.run(task);
    expect(flight.busy).toBe(true);
    release('done');
    expect(await a).toBe('done');
    expect(await b).toBe('done');
    expect(sent).toBe(1);
    expect(flight.busy).toBe(false);
    await flight.run(async () => {
      sent++;
      return 'again';
    });
    expect(sent).toBe(2);
  });
});
