import { describe, expect, it } from 'vitest';
import { Api, ApiError, isTransient, NetworkError } from './client';

function fakeFetch(respond: (url: string, init: RequestInit) => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond(String(input), init ?? {});
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('Api', () => {
  it('reads the whole map with its ETag, then polls ?since= with If-None-Match and takes 304 as unchanged', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.endsWith('/seats')
        ? json(200, { version: 4, seats: [{ id: 1, zone: 'Floor', row: 1, number: 1, grade: 'VIP', price: '180.00', status: 'AVAILABLE' }] }, { ETag: '"4"' })
        : new Response(null, { status: 304 }),
    );
    const api = new Api({ fetch });
    const full = await api.seats(1, 'acc', null);
    expect(full).toEqual({
      kind: 'full',
      version: 4,
      etag: '"4"',
      seats: [{ id: 1, zone: 'Floor', row: '1', number: 1, grade: 'VIP', price: 180, status: 'AVAILABLE' }],
    });
    expect(await api.seats(1, 'acc', 4, '"4"')).toEqual({ kind: 'unchanged' });
    expect(calls[1]!.url).toBe('/api/performances/1/seats?since=4');
    const headers = calls[1]!.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer acc');
    expect(headers['If-None-Match']).toBe('"4"');
    expect(calls[1]!.init.cache).toBe('no-store');
  });

  it('reads the public queue state without a token, letting the HTTP caches answer', async () => {
    const state = { performanceId: 1, sale: 'OPEN', calls: 12, nowServing: 2 ** 48 + 12, waiting: 40, computedAt: 'x' };
    const { fetch, calls } = fakeFetch(() => json(200, state, { 'Cache-Control': 'public, max-age=1' }));
    expect(await new Api({ fetch }).queueState(1)).toEqual(state);
    expect(calls[0]!.url).toBe('/api/performances/1/queue/state');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBeUndefined();
    expect(calls[0]!.init.cache).toBe('default');
  });

  it('reads changes since a version', async () => {
    const { fetch } = fakeFetch(() => json(200, { version: 6, changes: [{ id: 3, status: 'RESERVED' }] }));
    expect(await new Api({ fetch }).seats(1, 'acc', 5)).toEqual({
      kind: 'changes',
      version: 6,
      etag: null,
      changes: [{ id: 3, status: 'RESERVED' }],
    });
  });

  it('turns error answers into ApiError with the JSON body, and a failed fetch into NetworkError', async () => {
    const conflict = fakeFetch(() => json(409, { error: 'seat_unavailable', message: 'taken', seatIds: [3], version: 9 }));
    const error = await new Api({ fetch: conflict.fetch }).reserve(1, 'acc', [3]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).body.seatIds).toEqual([3]);
    expect(JSON.parse(conflict.calls[0]!.init.body as string)).toEqual({ seatIds: [3] });

    const html = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const bad = (await new Api({ fetch: html.fetch }).listPerformances().catch((e: unknown) => e)) as ApiError;
    expect(bad.code).toBe('http_502');

    const offline = { fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof globalThis.fetch };
    expect(await new Api(offline).listPerformances().catch((e: unknown) => e)).toBeInstanceOf(NetworkError);
  });

  it('retries only what a retry can fix', () => {
    expect(isTransient(new NetworkError('x'))).toBe(true);
    for (const status of [429, 500, 502, 503, 504]) expect(isTransient(new ApiError(status, { error: 'e' }))).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 410, 422]) expect(isTransient(new ApiError(status, { error: 'e' }))).toBe(false);
  });
});
